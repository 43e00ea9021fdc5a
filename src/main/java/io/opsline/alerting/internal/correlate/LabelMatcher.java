package io.opsline.alerting.internal.correlate;

/**
 * One condition of a grouping rule: a label equals a value, or its value matches a regular
 * expression as a whole. The pseudo-labels {@code source} and {@code severity} stand for the
 * alert's source and severity.
 */
public record LabelMatcher(String label, String value, boolean regex) {
}
