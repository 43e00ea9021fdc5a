package io.opsline.inventory;

import io.opsline.platform.Choice;

/** Which environment a configuration item serves. */
public enum Environment implements Choice {

    PRODUCTION("production", "Production"),
    STAGING("staging", "Staging"),
    TEST("test", "Test"),
    DEVELOPMENT("development", "Development");

    private final String key;
    private final String label;

    Environment(String key, String label) {
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
