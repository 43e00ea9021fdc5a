package io.opsline.inventory;

import io.opsline.platform.Choice;

/** How much it matters to the business when this item fails. */
public enum Criticality implements Choice {

    HIGH("high", "High"),
    MEDIUM("medium", "Medium"),
    LOW("low", "Low");

    private final String key;
    private final String label;

    Criticality(String key, String label) {
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
