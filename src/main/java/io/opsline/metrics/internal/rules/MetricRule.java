package io.opsline.metrics.internal.rules;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.opsline.metrics.RuleSeverity;
import io.opsline.metrics.internal.promql.Durations;

/**
 * A threshold rule: each series of {@code expression} (an instant vector) whose value compares true
 * to {@code threshold} for {@code forMillis} fires an alert of {@code severity}, which resolves once
 * its value no longer compares true to {@code clearThreshold}.
 *
 * @param summary the alert's summary, with {@code {{ $labels.name }}} and {@code {{ $value }}} filled in
 */
public record MetricRule(UUID id, String name, String expression, Comparison comparison, double threshold,
        double clearThreshold, @JsonIgnore long forMillis, RuleSeverity severity, String summary, boolean enabled,
        String createdBy, Instant createdAt, int version) {

    /** The {@code for} duration as Prometheus writes it ({@code 5m}). */
    @JsonProperty("for")
    public String forText() {
        return Durations.format(forMillis);
    }

    /** The condition in words: {@code > 90, clears at 80, for 5m}. */
    public String condition() {
        var text = comparison.symbol() + " " + SummaryTemplate.formatValue(threshold);
        if (clearThreshold != threshold) {
            text += ", clears past " + SummaryTemplate.formatValue(clearThreshold);
        }
        return forMillis > 0 ? text + ", for " + forText() : text;
    }

    /** Whether a series that is not firing yet should be (pending, or firing when {@code for} is zero). */
    boolean breached(double value) {
        return comparison.holds(value, threshold);
    }

    /** Whether a firing series stays so: its value has not crossed the clear threshold. */
    boolean stillFiring(double value) {
        return comparison.holds(value, clearThreshold);
    }
}
