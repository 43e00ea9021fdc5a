package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;

/**
 * One problem episode, as stored: opened by a first trigger, counting the triggers that follow,
 * until it is resolved.
 *
 * @param ciId the CI it is about, or null while no CI matched the sender's hints
 * @param ciHint the sender's hints, kept so that an unmapped alert still says what it was about
 * @param occurrences how many triggers it has had
 * @param version counts the alert's changes, for writers that did not lock it
 */
public record Alert(UUID id, String fingerprint, String source, String dedupKey, AlertStatus status,
        Severity severity, String summary, UUID ciId, String ciHint, Map<String, String> labels,
        Map<String, String> details, String link, Instant firstSeen, Instant lastSeen, long occurrences,
        Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, int version) {

    /** Whether no CI matched what the sender said the problem is about. */
    public boolean unmapped() {
        return ciId == null;
    }

    /**
     * One more trigger. What it says replaces what the alert said only when it is at least as
     * recent: events of one problem can arrive out of order (senders retry, listeners run in
     * parallel), and a late WARNING must not undo the CRITICAL that came after it.
     */
    Alert withOccurrence(Severity newSeverity, String newSummary, Map<String, String> newLabels,
            Map<String, String> newDetails, String newLink, Instant at) {
        if (at.isBefore(lastSeen)) {
            return new Alert(id, fingerprint, source, dedupKey, status, severity, summary, ciId, ciHint, labels, details,
                    link, firstSeen.isAfter(at) ? at : firstSeen, lastSeen, occurrences + 1, acknowledgedAt,
                    acknowledgedBy, resolvedAt, resolvedBy, version + 1);
        }
        return new Alert(id, fingerprint, source, dedupKey, status, newSeverity, newSummary, ciId, ciHint, newLabels,
                newDetails, newLink == null ? link : newLink, firstSeen, at, occurrences + 1, acknowledgedAt,
                acknowledgedBy, resolvedAt, resolvedBy, version + 1);
    }

    Alert acknowledged(Instant at, String by) {
        return new Alert(id, fingerprint, source, dedupKey, AlertStatus.ACKNOWLEDGED, severity, summary, ciId, ciHint,
                labels, details, link, firstSeen, lastSeen, occurrences, at, by, resolvedAt, resolvedBy, version + 1);
    }

    Alert resolved(Instant at, String by) {
        return new Alert(id, fingerprint, source, dedupKey, AlertStatus.RESOLVED, severity, summary, ciId, ciHint,
                labels, details, link, firstSeen, lastSeen, occurrences, acknowledgedAt, acknowledgedBy, at, by,
                version + 1);
    }
}
