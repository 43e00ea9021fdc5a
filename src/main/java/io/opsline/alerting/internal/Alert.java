package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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
 * @param suppressedBy why it is suppressed ({@code silence:<id>}, {@code maintenance:<downtime id>},
 *        {@code inhibited-by:<alert id>}, {@code caused-by-ci:<CI id>}), null while it is not; on a
 *        resolved alert, what it was suppressed by when it ended
 * @param version counts the alert's changes, for writers that did not lock it
 */
public record Alert(UUID id, String fingerprint, String source, String dedupKey, AlertStatus status,
        Severity severity, String summary, UUID ciId, String ciHint, Map<String, String> labels,
        Map<String, String> details, String link, Instant firstSeen, Instant lastSeen, long occurrences,
        Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, String suppressedBy,
        int version) {

    /** A digest of what it says, as {@link Arrival#contentHash} digests what an event says. */
    String contentHash() {
        return Fingerprints.content(severity, summary, labels, details, link);
    }

    /** Whether it says what the other says: what {@link #contentHash} digests, compared without hashing. */
    boolean saysTheSameAs(Alert other) {
        return severity == other.severity && Objects.equals(summary, other.summary) && Objects.equals(link, other.link)
                && labels.equals(other.labels) && details.equals(other.details);
    }

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
                    acknowledgedBy, resolvedAt, resolvedBy, suppressedBy, version + 1);
        }
        return new Alert(id, fingerprint, source, dedupKey, status, newSeverity, newSummary, ciId, ciHint, newLabels,
                newDetails, newLink == null ? link : newLink, firstSeen, at, occurrences + 1, acknowledgedAt,
                acknowledgedBy, resolvedAt, resolvedBy, suppressedBy, version + 1);
    }

    /** Whether someone (or its source) has said they are on it; a suppressed alert can be too. */
    public boolean hasBeenAcknowledged() {
        return acknowledgedAt != null;
    }

    /** Someone is on it. A suppressed alert stays suppressed, and is acknowledged once it is not. */
    Alert acknowledged(Instant at, String by) {
        var next = status == AlertStatus.SUPPRESSED ? AlertStatus.SUPPRESSED : AlertStatus.ACKNOWLEDGED;
        return new Alert(id, fingerprint, source, dedupKey, next, severity, summary, ciId, ciHint, labels, details,
                link, firstSeen, lastSeen, occurrences, at, by, resolvedAt, resolvedBy, suppressedBy, version + 1);
    }

    Alert resolved(Instant at, String by) {
        return new Alert(id, fingerprint, source, dedupKey, AlertStatus.RESOLVED, severity, summary, ciId, ciHint,
                labels, details, link, firstSeen, lastSeen, occurrences, acknowledgedAt, acknowledgedBy, at, by,
                suppressedBy, version + 1);
    }

    /** Nobody is to be told, for this reason; an alert that is over only keeps the reason. */
    Alert suppressed(String reason) {
        var next = status.isOpen() ? AlertStatus.SUPPRESSED : status;
        return new Alert(id, fingerprint, source, dedupKey, next, severity, summary, ciId, ciHint, labels, details,
                link, firstSeen, lastSeen, occurrences, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, reason,
                version + 1);
    }

    /** Active again: firing, or acknowledged when someone had taken it on while it was suppressed. */
    Alert unsuppressed() {
        var next = hasBeenAcknowledged() ? AlertStatus.ACKNOWLEDGED : AlertStatus.FIRING;
        return new Alert(id, fingerprint, source, dedupKey, next, severity, summary, ciId, ciHint, labels, details,
                link, firstSeen, lastSeen, occurrences, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, null,
                version + 1);
    }
}
