package io.opsline.alerting.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/** The alerting area of the navigation. */
@Configuration
class AlertNavigation {

    private static final String AREA = "Alerting";
    /** Right after monitoring's status board: the other place people look first when something is wrong. */
    private static final int ORDER = 15;

    @Bean
    NavigationEntry alertsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Alerts", "/alerts", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry alertGroupsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Alert groups", "/alerts/groups", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry silencesNavigation() {
        return new NavigationEntry(AREA, ORDER, "Silences", "/alerts/silences", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry channelsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Channels", ChannelPages.BASE, Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry onCallNavigation() {
        return new NavigationEntry(AREA, ORDER, "On-call", OnCallPages.BASE, Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry policiesNavigation() {
        return new NavigationEntry(AREA, ORDER, "Escalation policies", PolicyPages.BASE, Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry routingNavigation() {
        return new NavigationEntry(AREA, ORDER, "Routing", RoutingPages.BASE, Role.VIEWER.authority());
    }
}
