package io.opsline.servicedesk.web;

import java.time.Instant;

import io.opsline.platform.Choice;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.TimelineEntry;

/**
 * One timeline entry in words: "State: New → In progress" rather than stored keys.
 *
 * @param internal a work note or a line only the desk sees, never the caller
 */
public record TimelineLine(Instant at, EntryKind kind, String what, String who, String text, boolean internal) {

    static TimelineLine of(TimelineEntry entry) {
        var what = switch (entry.kind()) {
            case CREATED -> "Opened";
            case COMMENT -> "Comment";
            case WORK_NOTE -> "Work note";
            case STATE -> change("State", state(entry.from()), state(entry.to()));
            case PRIORITY -> change("Priority", entry.from(), entry.to());
            case ASSIGNMENT -> change("Assignment", entry.from(), entry.to());
            default -> change(entry.kind().label(), entry.from(), entry.to());
        };
        return new TimelineLine(entry.at(), entry.kind(), what, entry.actor(), entry.body(), !entry.visibleToCaller());
    }

    /** Comments and work notes are what people wrote; they get more room than the lines Opsline writes. */
    public boolean written() {
        return kind == EntryKind.COMMENT || kind == EntryKind.WORK_NOTE;
    }

    private static String change(String what, String from, String to) {
        if (from == null && to == null) {
            return what;
        }
        return what + ": " + (from == null ? "" : from + " → ") + to;
    }

    private static String state(String key) {
        return key == null ? null : Choice.parse(IncidentState.class, key).map(IncidentState::label).orElse(key);
    }
}
