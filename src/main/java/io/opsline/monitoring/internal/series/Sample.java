package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One value a check measured at one time, in the base unit of its measurement, and which check on
 * which CI measured it (what its series in metrics is labelled with).
 *
 * @param checkName the check's name when it measured
 * @param label what was measured, as the check named it (at most {@value #MAX_LABEL} characters)
 * @param unit the base unit ({@code s}, {@code B}, {@code %}, {@code c}), or "" when the check gave none
 */
public record Sample(UUID checkId, String checkName, UUID ciId, String label, String unit, Instant at,
        double value) {

    public static final int MAX_LABEL = 100;
    public static final int MAX_UNIT = 10;

    public Sample {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(checkName, "checkName");
        Objects.requireNonNull(ciId, "ciId");
        Objects.requireNonNull(at, "at");
        if (label == null || label.isEmpty() || label.length() > MAX_LABEL) {
            throw new IllegalArgumentException("a sample's label must have 1 to " + MAX_LABEL + " characters");
        }
        if (unit == null || unit.length() > MAX_UNIT) {
            throw new IllegalArgumentException("a sample's unit must have at most " + MAX_UNIT + " characters");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a sample's value must be a finite number, not " + value);
        }
    }
}
