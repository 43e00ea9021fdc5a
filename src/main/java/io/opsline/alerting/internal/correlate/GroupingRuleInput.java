package io.opsline.alerting.internal.correlate;

import java.util.List;

/**
 * A grouping rule as people write it.
 *
 * @param windowSeconds null for the configured default
 * @param version the version last read; required for an update
 */
public record GroupingRuleInput(String name, List<LabelMatcher> matchers, List<String> groupBy, Long windowSeconds,
        Integer version) {
}
