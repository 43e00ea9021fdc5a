package io.opsline.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/** The administration area of the navigation. */
@Configuration
class IdentityNavigation {

    private static final String AREA = "Administration";
    private static final int ORDER = 90;

    @Bean
    NavigationEntry usersNavigation() {
        return new NavigationEntry(AREA, ORDER, "Users", "/admin/users", Role.ADMIN.authority());
    }

    @Bean
    NavigationEntry teamsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Teams", "/admin/teams", Role.ADMIN.authority());
    }

    @Bean
    NavigationEntry auditNavigation() {
        return new NavigationEntry(AREA, ORDER, "Audit log", "/admin/audit", Role.ADMIN.authority());
    }
}
