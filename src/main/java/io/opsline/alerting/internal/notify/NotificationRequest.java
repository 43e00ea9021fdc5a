package io.opsline.alerting.internal.notify;

import java.util.List;
import java.util.UUID;

/**
 * One message to send through one channel.
 *
 * @param deliveryKey the caller's name for this delivery, unique across all deliveries (e.g.
 *        {@code escalation:<alert>:<step>:<channel>}); queueing the same key again adds nothing
 * @param recipients e-mail addresses for an e-mail channel; empty for the channel's own recipients;
 *        ignored by other channels
 */
public record NotificationRequest(String deliveryKey, UUID channelId, List<String> recipients,
        NotificationMessage message) {

    public NotificationRequest {
        if (deliveryKey == null || deliveryKey.isBlank() || deliveryKey.length() > 300) {
            throw new IllegalArgumentException("a delivery key needs 1 to 300 characters");
        }
        if (channelId == null || message == null) {
            throw new IllegalArgumentException("a notification request needs a channel and a message");
        }
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
