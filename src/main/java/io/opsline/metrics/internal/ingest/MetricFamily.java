package io.opsline.metrics.internal.ingest;

/**
 * What an exposition said about one metric family in its {@code # TYPE}, {@code # HELP} and
 * {@code # UNIT} lines; help and unit are empty when not given.
 */
public record MetricFamily(String name, MetricType type, String help, String unit) {
}
