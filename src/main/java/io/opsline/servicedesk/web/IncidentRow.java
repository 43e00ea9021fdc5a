package io.opsline.servicedesk.web;

import java.time.Duration;
import java.time.Instant;

import io.opsline.servicedesk.internal.IncidentView;

/**
 * An incident as lists and its own page show it: how long it has been open, and the colour classes of
 * its badges. Priority and state are always written out too, so colour is never the only sign.
 */
public record IncidentRow(IncidentView incident, String age) {

    static IncidentRow of(IncidentView incident, Instant now) {
        return new IncidentRow(incident, age(incident.createdAt(), now));
    }

    /** "3 h 20 min": precise enough to tell a fresh incident from a stale one at a glance. */
    static String age(Instant since, Instant now) {
        var elapsed = Duration.between(since, now);
        if (elapsed.isNegative() || elapsed.toMinutes() < 1) {
            return "< 1 min";
        }
        if (elapsed.toHours() < 1) {
            return elapsed.toMinutes() + " min";
        }
        if (elapsed.toDays() < 1) {
            return elapsed.toHours() + " h " + elapsed.toMinutesPart() + " min";
        }
        return elapsed.toDays() + " d " + elapsed.toHoursPart() + " h";
    }

    public String priorityClass() {
        return switch (incident.priority()) {
            case P1 -> "state-badge state-critical";
            case P2 -> "state-badge state-warning";
            case P3 -> "badge-info";
            case P4 -> "";
        };
    }

    public String stateClass() {
        return switch (incident.state()) {
            case NEW -> "badge-danger";
            case IN_PROGRESS -> "badge-info";
            case ON_HOLD -> "badge-warning";
            case RESOLVED -> "badge-ok";
            case CLOSED -> "";
        };
    }

    /** Open P1 and P2 incidents stand out; resolved and closed ones step back. */
    public String rowClass() {
        if (!incident.state().open()) {
            return "handled";
        }
        return switch (incident.priority()) {
            case P1 -> "prominent state-row-critical";
            case P2 -> "prominent state-row-warning";
            case P3, P4 -> "";
        };
    }
}
