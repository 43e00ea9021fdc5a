package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;

/**
 * A group while one batch changes it: locked (or new), changed in memory alert by alert, written
 * once at the end. It holds counts, its CIs and its root cause rather than its members, as a storm
 * gives a group thousands. Mutable because a batch may change a group many times, and only the last
 * state is stored.
 */
final class WorkingGroup {

    final UUID id;
    final boolean isNew;
    final UUID ruleId;
    final String ruleName;
    final String groupKey;
    final Instant createdAt;
    /** Open members by severity, indexed by {@link Severity#ordinal()}. */
    final int[] open;
    /** The first alert on each CI the group has alerts on, by CI id. */
    final Map<UUID, CiAlert> cis = new HashMap<>();
    String title;
    GroupStatus status;
    GroupReason reason;
    String openKey;
    Instant firstAlertAt;
    Instant lastAlertAt;
    int memberCount;
    Severity severity;
    CiAlert root;
    Instant resolvedAt;
    /** When the latest alert that joined in this batch was first seen; null when none joined. */
    Instant joined;
    /** Set when anything is to be written back. */
    boolean changed;

    WorkingGroup(AlertGroup stored, String openKey, int[] open, CiAlert root) {
        this(stored.id(), false, stored.ruleId(), stored.ruleName(), stored.groupKey(), stored.createdAt(), open);
        this.title = stored.title();
        this.status = stored.status();
        this.reason = stored.reason();
        this.openKey = openKey;
        this.firstAlertAt = stored.firstAlertAt();
        this.lastAlertAt = stored.lastAlertAt();
        this.memberCount = stored.memberCount();
        this.severity = stored.severity();
        this.root = root;
        this.resolvedAt = stored.resolvedAt();
    }

    WorkingGroup(UUID id, boolean isNew, UUID ruleId, String ruleName, String groupKey, Instant createdAt,
            int[] open) {
        this.id = id;
        this.isNew = isNew;
        this.ruleId = ruleId;
        this.ruleName = ruleName;
        this.groupKey = groupKey;
        this.createdAt = createdAt;
        this.open = open;
    }

    /** Whether an alert first seen then joins: the group is open and the alert came within the window of its alerts. */
    boolean takes(Instant firstSeen, Duration window) {
        return status == GroupStatus.OPEN && within(firstSeen, firstAlertAt, lastAlertAt, window);
    }

    /** Whether an alert first seen then came within the window of a group's alerts, before or after them. */
    static boolean within(Instant firstSeen, Instant firstAlertAt, Instant lastAlertAt, Duration window) {
        return !firstSeen.isAfter(lastAlertAt.plus(window)) && !firstSeen.isBefore(firstAlertAt.minus(window));
    }

    int openCount() {
        return Arrays.stream(open).sum();
    }
}
