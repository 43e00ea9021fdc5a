package io.opsline.inventory;

import io.opsline.platform.Choice;

/** Where a configuration item is in its life. */
public enum CiStatus implements Choice {

    PLANNED("planned", "Planned"),
    ACTIVE("active", "Active"),
    MAINTENANCE("maintenance", "Maintenance"),
    RETIRED("retired", "Retired");

    private final String key;
    private final String label;

    CiStatus(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }
}
