package io.opsline.monitoring.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/** The monitoring area of the navigation. */
@Configuration
class MonitoringNavigation {

    private static final String AREA = "Monitoring";
    /** First: the status board is where people land after signing in, problems before anything else. */
    private static final int ORDER = 10;

    @Bean
    NavigationEntry boardNavigation() {
        return new NavigationEntry(AREA, ORDER, "Status board", "/monitoring", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry checksNavigation() {
        return new NavigationEntry(AREA, ORDER, "Checks", "/monitoring/checks", Role.VIEWER.authority());
    }
}
