package io.opsline.metrics.internal.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A rule as a client sends it. {@code clearThreshold} defaults to the threshold (no hysteresis),
 * {@code for} to 0, {@code severity} to warning, {@code enabled} to true; {@code version} is
 * required for an update.
 *
 * @param comparison one of {@code > >= < <=}
 * @param forDuration a Prometheus duration ({@code 5m}), JSON field {@code for}
 */
public record MetricRuleInput(String name, String expression, String comparison, Double threshold,
        Double clearThreshold, @JsonProperty("for") String forDuration, String severity, String summary,
        Boolean enabled, Integer version) {
}
