package io.opsline.alerting.internal.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opsline.alerting.Severity;

/**
 * What one notification says, the same for every kind of channel; each channel formats it its own way.
 *
 * @param alertId the alert it is about; null for a test message
 * @param threadKey messages with the same key belong together (e.g. an alert group's id): e-mail
 *        threads them, webhooks carry it as {@code thread}
 * @param severity null for a test message
 * @param labels the alert's labels, shown as they are (every channel escapes them for its format)
 * @param alertLink where a person opens the alert; may be null
 * @param acknowledgeLink a signed link that acknowledges the alert when followed; may be null
 */
public record NotificationMessage(UUID alertId, String threadKey, MessageKind kind, Severity severity, String title,
        String summary, String ciName, Map<String, String> labels, Instant occurredAt, URI alertLink,
        URI acknowledgeLink) {

    public NotificationMessage {
        if (kind == null || title == null || title.isBlank() || occurredAt == null) {
            throw new IllegalArgumentException("a notification message needs a kind, a title and when it occurred");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
