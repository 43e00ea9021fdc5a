package io.opsline.monitoring.internal.template;

import java.util.List;
import java.util.UUID;

/**
 * What applying a check template changed: checks created on CIs that came to match, updated to
 * the template's settings, removed from CIs that stopped matching, and the matching CIs left
 * without the check because they already have one of that name that is not from this template.
 */
public record ApplyReport(int created, int updated, int removed, List<Skipped> skipped) {

    /** A matching CI that did not get the template's check, and why. */
    public record Skipped(UUID ciId, String ciName, String reason) {
    }

    boolean changedSomething() {
        return created + updated + removed > 0;
    }
}
