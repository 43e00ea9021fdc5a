package io.opsline.alerting.web;

import java.time.Instant;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.correlate.AlertGroup;
import io.opsline.alerting.internal.escalate.Escalation;

/**
 * An alert group as its list and its page show it.
 *
 * @param root its root-cause alert; null if that alert is gone
 * @param ciName the root-cause alert's CI's name; null when no CI matched
 * @param age how long ago its first alert began
 * @param escalation where its paging stands; null until the escalation worker has looked at it
 * @param acknowledgedBy who acknowledged its root-cause alert; null while nobody has
 */
public record GroupRow(AlertGroup group, Alert root, String ciName, String age, Escalation escalation,
        String acknowledgedBy) {

    static GroupRow of(AlertGroup group, Alert root, String ciName, Escalation escalation, Instant now) {
        return new GroupRow(group, root, ciName, AlertRow.ago(group.firstAlertAt(), now), escalation,
                root == null ? null : root.acknowledgedBy());
    }

    public String severityClass() {
        return AlertRow.severityClass(group.severity());
    }

    public boolean open() {
        return group.status() == AlertGroup.GroupStatus.OPEN;
    }

    /** Open and nobody on it: what the list makes stand out. */
    public boolean needsSomeone() {
        return open() && acknowledgedBy == null;
    }

    public String statusLabel() {
        return AlertRow.label(group.status().name());
    }

    /** Where paging stands, in words: "Level 2, next step due", "Stopped: acknowledged". */
    public String escalationState() {
        if (escalation == null) {
            return open() ? "Not routed yet" : "None";
        }
        return switch (escalation.status()) {
            case ACTIVE -> "Level " + (escalation.level() + 1) + (escalation.cycle() > 0
                    ? " (repeat " + escalation.cycle() + ")" : "") + ", " + escalation.stepsTaken() + " notified so far";
            case STOPPED -> "Stopped: " + escalation.stopReason();
            case EXHAUSTED -> "Every level notified, nobody acknowledged";
            case UNROUTED -> "Nobody paged: " + escalation.stopReason();
        };
    }

    /** When the next level is notified; null once nobody more will be. */
    public Instant nextStepAt() {
        return escalation == null ? null : escalation.nextStepAt();
    }
}
