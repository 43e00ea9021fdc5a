package io.opsline.inventory;

import io.opsline.platform.Choice;

/** The kinds of configuration item. */
public enum CiClass implements Choice {

    SERVER(true),
    VIRTUAL_MACHINE(true),
    NETWORK_DEVICE(true),
    DATABASE(true),
    APPLICATION(true),
    BUSINESS_SERVICE(false),
    WEBSITE(true) {
        @Override
        public String label() {
            return "Website / endpoint";
        }
    };

    private final boolean addressable;

    CiClass(boolean addressable) {
        this.addressable = addressable;
    }

    /** Whether IP addresses and host names apply: a business service has none of its own. */
    public boolean addressable() {
        return addressable;
    }
}
