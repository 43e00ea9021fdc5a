package io.opsline.alerting.internal.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * One try to send a delivery.
 *
 * @param node the Opsline node that tried
 * @param httpStatus the endpoint's HTTP status; null for e-mail or when none came back
 * @param reply the SMTP server's last reply, or the HTTP status line
 * @param error why it failed, shortened; null when it worked
 */
public record DeliveryAttempt(UUID id, UUID deliveryId, int attempt, String node, Instant startedAt,
        long durationMillis, boolean succeeded, Integer httpStatus, String reply, String error) {
}
