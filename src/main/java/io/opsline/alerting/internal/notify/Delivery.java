package io.opsline.alerting.internal.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message queued for one channel.
 *
 * @param attempts tries started so far
 * @param nextAttemptAt when a PENDING delivery is due
 * @param lastError why the latest try failed; null when none did
 */
public record Delivery(UUID id, String deliveryKey, UUID channelId, List<String> recipients,
        NotificationMessage message, DeliveryStatus status, int attempts, Instant nextAttemptAt, Instant createdAt,
        Instant sentAt, String lastError) {
}
