package io.opsline.alerting.internal.suppress;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Alerts matching every matcher are suppressed from {@code startsAt} until {@code endsAt}.
 *
 * @param state where it stood when it was read
 * @param version counts its changes; an update names the version it was based on
 */
public record Silence(UUID id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant createdAt, Instant updatedAt, int version, SilenceState state) {

    static SilenceState stateAt(Instant startsAt, Instant endsAt, Instant now) {
        if (!now.isBefore(endsAt)) {
            return SilenceState.EXPIRED;
        }
        return now.isBefore(startsAt) ? SilenceState.PENDING : SilenceState.ACTIVE;
    }

    boolean activeAt(Instant now) {
        return stateAt(startsAt, endsAt, now) == SilenceState.ACTIVE;
    }

    /** The reason an alert it suppresses records. */
    String reason() {
        return SuppressionPolicy.SILENCE + id;
    }
}
