package io.opsline.inventory;

import io.opsline.platform.Choice;

/** Which environment a configuration item serves. */
public enum Environment implements Choice {
    PRODUCTION, STAGING, TEST, DEVELOPMENT
}
