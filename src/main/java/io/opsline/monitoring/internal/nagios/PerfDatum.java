package io.opsline.monitoring.internal.nagios;

/**
 * One performance value from a plugin's output ({@code 'label'=value[UOM];warn;crit;min;max}).
 *
 * @param value null when the plugin reported {@code U} (it could not determine the value)
 * @param unit the unit of measure as written ({@code s}, {@code %}, {@code MB}, {@code c}, …), or ""
 * @param warn the warning range as written, or null
 * @param crit the critical range as written, or null
 */
public record PerfDatum(String label, Double value, String unit, ThresholdRange warn, ThresholdRange crit,
        Double min, Double max) {

    /**
     * The same measurement in its unit's base unit ({@link UnitOfMeasure}): value, thresholds and
     * bounds alike, so that 250ms with a warning at 200 becomes 0.25s with a warning at 0.2.
     */
    public PerfDatum inBaseUnit() {
        var uom = UnitOfMeasure.of(unit);
        if (uom.isBase()) {
            return this;
        }
        return new PerfDatum(label, base(uom, value), uom.base(), uom.toBase(warn), uom.toBase(crit), base(uom, min),
                base(uom, max));
    }

    private static Double base(UnitOfMeasure uom, Double value) {
        return value == null ? null : uom.toBase(value);
    }
}
