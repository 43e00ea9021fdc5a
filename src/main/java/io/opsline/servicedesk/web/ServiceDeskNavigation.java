package io.opsline.servicedesk.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/**
 * The service-desk area of the navigation: each page of the desk declares its entry here as a
 * {@link io.opsline.platform.NavigationEntry} bean in area {@link #AREA}.
 */
@Configuration
class ServiceDeskNavigation {

    static final String AREA = "Service desk";
    /** After alerting, before the inventory: where alerts turn into work for people. */
    static final int ORDER = 17;

    @Bean
    NavigationEntry incidentsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Incidents", "/incidents", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry problemsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Problems", "/problems", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry reviewsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Reviews", ReviewPages.OVERVIEW, Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry requestsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Requests", "/requests", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry knowledgeNavigation() {
        return new NavigationEntry(AREA, ORDER, "Knowledge", "/knowledge", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry serviceDeskReportNavigation() {
        return new NavigationEntry(AREA, ORDER, "Reports", ReportPages.PATH, Role.VIEWER.authority());
    }

    /**
     * The portal, in an area of its own after every other: a requester sees nothing else, so it is
     * their first area and "/" takes them there; staff (who include the requester role) find it last.
     */
    @Bean
    NavigationEntry portalNavigation() {
        return new NavigationEntry("Self-service", 95, "My tickets", "/portal", Role.REQUESTER.authority());
    }

    @Bean
    NavigationEntry portalRequestsNavigation() {
        return new NavigationEntry("Self-service", 95, "My requests", "/portal/requests", Role.REQUESTER.authority());
    }

    /** Kept by admins, so it sits with users and teams in the administration area. */
    @Bean
    NavigationEntry customersNavigation() {
        return new NavigationEntry("Administration", 90, "Customers", CustomerPages.BASE, Role.ADMIN.authority());
    }
}
