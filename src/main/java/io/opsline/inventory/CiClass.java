package io.opsline.inventory;

import io.opsline.platform.Choice;

/** The kinds of configuration item. */
public enum CiClass implements Choice {

    SERVER("server", "Server", true),
    VIRTUAL_MACHINE("virtual_machine", "Virtual machine", true),
    NETWORK_DEVICE("network_device", "Network device", true),
    DATABASE("database", "Database", true),
    APPLICATION("application", "Application", true),
    BUSINESS_SERVICE("business_service", "Business service", false),
    WEBSITE("website", "Website / endpoint", true);

    private final String key;
    private final String label;
    private final boolean addressable;

    CiClass(String key, String label, boolean addressable) {
        this.key = key;
        this.label = label;
        this.addressable = addressable;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether IP addresses and host names apply: a business service has none of its own. */
    public boolean addressable() {
        return addressable;
    }
}
