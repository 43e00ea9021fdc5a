package io.opsline.alerting.internal.notify;

import java.time.Instant;

/**
 * How a channel's latest sends went.
 *
 * @param consecutiveFailures failed tries since the last successful one
 * @param lastError the error of the last failed try; null when none failed
 */
public record ChannelHealth(Status status, int consecutiveFailures, Instant lastSuccessAt, Instant lastFailureAt,
        String lastError) {

    /** OK: the last try worked, or fewer than the set number failed since; FAILING: that many did; UNTESTED: none yet. */
    public enum Status {
        OK, FAILING, UNTESTED
    }
}
