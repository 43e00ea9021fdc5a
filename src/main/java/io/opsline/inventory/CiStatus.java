package io.opsline.inventory;

import io.opsline.platform.Choice;

/** Where a configuration item is in its life. */
public enum CiStatus implements Choice {
    PLANNED, ACTIVE, MAINTENANCE, RETIRED
}
