package io.opsline.alerting.internal.intake;

import org.springframework.http.HttpStatus;

/**
 * Why the intake turned a sender away before reading its events: no or an unknown key (401), a
 * key for another door (403), or too many events from this integration (429). Each carries the
 * status to answer with, and how long to wait when waiting helps.
 */
public final class IntakeRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final long retryAfterSeconds;

    private IntakeRefusedException(HttpStatus status, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static IntakeRefusedException unknownKey() {
        return new IntakeRefusedException(HttpStatus.UNAUTHORIZED,
                "A valid integration key is required (Authorization: Bearer <key>, or routing_key for the PagerDuty"
                        + " endpoint); this one is missing, unknown, disabled or was replaced",
                0);
    }

    static IntakeRefusedException wrongDoor(String kind, String path) {
        return new IntakeRefusedException(HttpStatus.FORBIDDEN,
                "This key belongs to a " + kind + " integration; send its events to " + path, 0);
    }

    static IntakeRefusedException tooMany(String integration, long retryAfterSeconds) {
        return new IntakeRefusedException(HttpStatus.TOO_MANY_REQUESTS,
                "Integration " + integration + " sends more events than its rate limit allows; the excess is refused"
                        + " (not stored) and may be sent again after the Retry-After time",
                retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    /** Seconds to wait before sending again; 0 when waiting does not help. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
