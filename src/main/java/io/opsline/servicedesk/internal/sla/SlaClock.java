package io.opsline.servicedesk.internal.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.alerting.Severity;
import io.opsline.platform.Ids;

/**
 * One incident's response or resolution clock, as stored: the target copied from its policy, when
 * it started and stopped, when its warning share and target are (or will be) used up
 * ({@code warnAt}, {@code dueAt}), when the evaluator told about them ({@code warnedAt},
 * {@code breachedAt}), and the severity of the SLA alert open for it in alerting.
 */
record SlaClock(UUID id, UUID incidentId, ClockKind kind, UUID policyId, UUID calendarId, Duration target,
        int warningPercent, Instant startedAt, Instant stoppedAt, Instant warnAt, Instant dueAt, Instant warnedAt,
        Instant breachedAt, Severity alertSeverity) {

    /** A new clock with the policy's target, not yet measured. */
    static SlaClock of(UUID incidentId, ClockKind kind, SlaPolicy policy, Instant startedAt) {
        return new SlaClock(Ids.newId(), incidentId, kind, policy.id(), policy.calendarId(), policy.target(kind),
                policy.warningPercent(), startedAt, null, null, null, null, null, null);
    }

    /** The same clock with another policy's target; what it told about stays until measured again. */
    SlaClock chosen(SlaPolicy policy) {
        return new SlaClock(id, incidentId, kind, policy.id(), policy.calendarId(), policy.target(kind),
                policy.warningPercent(), startedAt, stoppedAt, warnAt, dueAt, warnedAt, breachedAt, alertSeverity);
    }

    /**
     * Measured anew at {@code now} from this start and stop: the warning and due instants follow, and
     * a warning or breach told about is forgotten when it has not happened after all (a longer target
     * chosen since, or a later start learnt).
     */
    SlaClock measured(BusinessTime time, Instant start, Instant stop, List<Pause> pauses, Instant now) {
        var reading = ClockReading.read(time, target, warningPercent, start, stop, pauses, now);
        var warned = warnedAt != null && reached(reading.warnAt(), now) ? warnedAt : null;
        var breached = breachedAt != null && reached(reading.dueAt(), now) ? breachedAt : null;
        return new SlaClock(id, incidentId, kind, policyId, calendarId, target, warningPercent, start, stop,
                reading.warnAt(), reading.dueAt(), warned, breached, alertSeverity);
    }

    /** The severity the SLA alert should have: none once stopped, critical once breached, warning once warned. */
    Severity wantedAlert() {
        if (stoppedAt != null) {
            return null;
        }
        return breachedAt != null ? Severity.CRITICAL : warnedAt != null ? Severity.WARNING : null;
    }

    /** When the evaluator next has something to do for this clock; null when nothing is to come. */
    Instant checkAt(Instant now) {
        if (wantedAlert() != alertSeverity) {
            return now;
        }
        if (stoppedAt != null) {
            return null;
        }
        var warn = warnedAt == null ? warnAt : null;
        var due = breachedAt == null ? dueAt : null;
        if (warn == null || (due != null && due.isBefore(warn))) {
            return due;
        }
        return warn;
    }

    boolean warningDue(Instant now) {
        return stoppedAt == null && warnedAt == null && reached(warnAt, now);
    }

    boolean breachDue(Instant now) {
        return stoppedAt == null && breachedAt == null && reached(dueAt, now);
    }

    SlaClock told(Instant warned, Instant breached, Severity alert) {
        return new SlaClock(id, incidentId, kind, policyId, calendarId, target, warningPercent, startedAt, stoppedAt,
                warnAt, dueAt, warned, breached, alert);
    }

    private static boolean reached(Instant moment, Instant now) {
        return moment != null && !moment.isAfter(now);
    }
}
