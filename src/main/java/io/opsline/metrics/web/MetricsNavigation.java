package io.opsline.metrics.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/** The metrics area of the navigation: one bean per entry. */
@Configuration
class MetricsNavigation {

    static final String AREA = "Metrics";
    /** Right after monitoring: time series are the other half of watching things. */
    static final int ORDER = 12;

    @Bean
    NavigationEntry scrapeTargetsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Targets", ScrapeTargetPages.BASE, Role.VIEWER.authority());
    }
}
