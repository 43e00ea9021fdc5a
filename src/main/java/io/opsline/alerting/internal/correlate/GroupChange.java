package io.opsline.alerting.internal.correlate;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import io.opsline.platform.Ids;

/**
 * One line of a group's timeline. Only root-cause changes are stored as lines: a member's row says
 * when its alert opened or joined the group and why ({@link #membership}), and the group's row when
 * it was resolved ({@link #resolution}), so the intake writes no line for either.
 */
public record GroupChange(UUID id, UUID groupId, Instant at, Kind kind, UUID alertId, String text) {

    private static final int MAX_TEXT = 1000;

    /** Timeline order: by time; at one instant by kind, then the alerts in the order they were made. */
    static final Comparator<GroupChange> ORDER = Comparator.comparing(GroupChange::at).thenComparing(GroupChange::kind)
            .thenComparing(GroupChange::alertId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(GroupChange::id);

    public enum Kind {
        OPENED, ALERT_JOINED, ROOT_CAUSE_CHANGED, RESOLVED
    }

    static GroupChange of(UUID groupId, Instant at, Kind kind, UUID alertId, String text) {
        return new GroupChange(Ids.newId(), groupId, at, kind, alertId, shortened(text));
    }

    /** The line of a member's alert opening or joining its group. */
    static GroupChange membership(GroupMember member) {
        return new GroupChange(Ids.named("member:" + member.alertId()), member.groupId(), member.firstSeen(),
                member.openedGroup() ? Kind.OPENED : Kind.ALERT_JOINED, member.alertId(), shortened(member.reason()));
    }

    /** The RESOLVED line of a resolved group. */
    static GroupChange resolution(AlertGroup group) {
        return new GroupChange(Ids.named("resolved:" + group.id()), group.id(), group.resolvedAt(), Kind.RESOLVED, null,
                "every alert is resolved");
    }

    private static String shortened(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }
}
