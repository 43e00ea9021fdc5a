package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.util.UUID;

/**
 * The group key a grouping rule gives an alert.
 *
 * @param text the groupBy labels and values, for people ({@code alertname=DiskFull, cluster=eu})
 * @param openKey a hash of the rule id and the values: what a group of the key is found and kept unique by
 */
record RuleKey(UUID ruleId, String ruleName, String text, String openKey, Duration window) {
}
