package io.opsline.monitoring.internal;

import java.util.Map;

/**
 * The fields of a check as a client sends them, before validation: a check's and a check
 * template's alike. Secret parameters sent back as {@value io.opsline.platform.Secrets#MASK} (as they are
 * shown) keep their stored value.
 */
public interface CheckSettingsInput {

    String name();

    String type();

    Map<String, Object> params();

    Integer intervalSeconds();

    Integer retryIntervalSeconds();

    Integer maxAttempts();

    Double timeoutSeconds();

    Boolean enabled();
}
