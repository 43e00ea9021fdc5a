package io.opsline.alerting.internal.correlate;

import java.time.Instant;
import java.util.UUID;

import io.opsline.alerting.Severity;

/**
 * Alerts that are one problem: grouped by a grouping rule's key, or by the topology of their CIs, or
 * an alert alone. What people page and look at instead of each alert.
 *
 * @param title the summary of its root-cause alert
 * @param reason why its alerts are together; for {@link GroupReason#RULE} also {@code ruleId},
 *        {@code ruleName} and {@code groupKey} (the rule's groupBy labels and their values)
 * @param firstAlertAt when its first alert was first seen
 * @param lastAlertAt when its latest alert was first seen
 * @param openCount members not resolved yet
 * @param severity the worst severity among open members; once resolved, the worst they had last
 * @param rootAlertId the most likely root cause: the alert on the most upstream CI, the earliest of those
 */
public record AlertGroup(UUID id, String title, GroupStatus status, GroupReason reason, UUID ruleId, String ruleName,
        String groupKey, Instant firstAlertAt, Instant lastAlertAt, int memberCount, int openCount, Severity severity,
        UUID rootAlertId, Instant createdAt, Instant resolvedAt) {

    /** Open while any member is open; resolved once all are, and never reopened. */
    public enum GroupStatus {
        OPEN, RESOLVED
    }

    /** Why a group's alerts are together. */
    public enum GroupReason {
        /** They share a grouping rule's key. */
        RULE,
        /** Their CIs are related through the inventory's relationships. */
        TOPOLOGY,
        /** Nothing tied its alert to another (yet). */
        ALONE
    }
}
