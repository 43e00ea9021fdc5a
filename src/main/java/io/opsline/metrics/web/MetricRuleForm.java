package io.opsline.metrics.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opsline.metrics.internal.rules.MetricRule;
import io.opsline.metrics.internal.rules.MetricRuleInput;
import io.opsline.metrics.internal.rules.SummaryTemplate;
import io.opsline.platform.InvalidInputException;

/**
 * The metric rule form as typed: thresholds as text, {@code forDuration} a Prometheus duration
 * (the service's field {@code for}); {@code version} is the version the editor read.
 */
public record MetricRuleForm(Integer version, String name, String expression, String comparison, String threshold,
        String clearThreshold, String forDuration, String severity, String summary, Boolean enabled) {

    static final Map<String, String> COMPARISONS = new LinkedHashMap<>();
    static final Map<String, String> SEVERITIES = new LinkedHashMap<>();

    static {
        COMPARISONS.put(">", "> (above)");
        COMPARISONS.put(">=", ">= (at or above)");
        COMPARISONS.put("<", "< (below)");
        COMPARISONS.put("<=", "<= (at or below)");
        for (var severity : new String[] {"critical", "error", "warning", "info"}) {
            SEVERITIES.put(severity, severity);
        }
    }

    static MetricRuleForm empty() {
        return new MetricRuleForm(null, null, null, ">", null, null, "5m", "warning", null, true);
    }

    static MetricRuleForm of(MetricRule rule) {
        return new MetricRuleForm(rule.version(), rule.name(), rule.expression(), rule.comparison().symbol(),
                SummaryTemplate.formatValue(rule.threshold()),
                rule.clearThreshold() == rule.threshold() ? null : SummaryTemplate.formatValue(rule.clearThreshold()),
                rule.forMillis() > 0 ? rule.forText() : null, rule.severity().name().toLowerCase(), rule.summary(),
                rule.enabled());
    }

    /** The rule as the service takes it; a threshold that is not a number is refused here, by its field. */
    MetricRuleInput toInput() {
        return new MetricRuleInput(name, expression, comparison, number("threshold", threshold),
                number("clearThreshold", clearThreshold), forDuration, severity, summary, enabled != null && enabled,
                version);
    }

    /** The service names the duration's field {@code for}; the form's is {@code forDuration}. */
    static Map<String, String> shownErrors(Map<String, String> errors) {
        var shown = new LinkedHashMap<String, String>();
        errors.forEach((field, message) -> shown.put("for".equals(field) ? "forDuration" : field, message));
        return shown;
    }

    private static Double number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, "'" + text.strip() + "' is not a number: write it like 90, 0.5 or 1e6");
        }
    }
}
