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
}
