package io.opsline.inventory.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/** The inventory area of the navigation. */
@Configuration
class InventoryNavigation {

    private static final String AREA = "Inventory";
    private static final int ORDER = 20;

    @Bean
    NavigationEntry cisNavigation() {
        return new NavigationEntry(AREA, ORDER, "Configuration items", "/cis", Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry transferNavigation() {
        return new NavigationEntry(AREA, ORDER, "Import / export", "/inventory/transfer", Role.VIEWER.authority());
    }
}
