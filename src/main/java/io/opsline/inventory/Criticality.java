package io.opsline.inventory;

import io.opsline.platform.Choice;

/** How much it matters to the business when this item fails. */
public enum Criticality implements Choice {
    HIGH, MEDIUM, LOW
}
