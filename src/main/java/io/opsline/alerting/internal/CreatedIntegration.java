package io.opsline.alerting.internal;

/** An integration just created or given a new key, with the key: shown this once, never stored. */
public record CreatedIntegration(Integration integration, String key) {
}
