package io.opsline.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A threshold rule's series started firing ({@code firing}) or stopped. Published in the transaction
 * that stored the rule's new state, so that alerting raises or resolves the alert exactly when that
 * state is committed. {@code dedupKey} is one per rule and series; {@code ciId} is the series'
 * {@code ci_id} label, if any; {@code link} a page of Opsline showing the rule's expression.
 */
public record MetricRuleAlert(String dedupKey, boolean firing, RuleSeverity severity, String summary,
        Map<String, String> labels, Map<String, String> details, UUID ciId, Instant at, String link) {

    public MetricRuleAlert {
        labels = Map.copyOf(labels);
        details = Map.copyOf(details);
    }
}
