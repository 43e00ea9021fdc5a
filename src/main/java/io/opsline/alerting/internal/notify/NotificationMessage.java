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
 *        threads them, webhooks carry it as {@code thread}; at most {@value #MAX_THREAD_KEY} characters
 * @param severity null for a test message
 * @param labels the alert's labels, shown as they are (every channel escapes them for its format)
 * @param alertLink where a person opens the alert; may be null
 * @param acknowledgeLink a signed link that acknowledges the alert when followed; may be null
 * @param followUp for an ACKNOWLEDGED or RESOLVED message that follows up a page: who, when, and
 *        which page; null otherwise
 */
public record NotificationMessage(UUID alertId, String threadKey, MessageKind kind, Severity severity, String title,
        String summary, String ciName, Map<String, String> labels, Instant occurredAt, URI alertLink,
        URI acknowledgeLink, FollowUp followUp) {

    public static final int MAX_THREAD_KEY = 100;

    public NotificationMessage {
        if (kind == null || title == null || title.isBlank() || occurredAt == null) {
            throw new IllegalArgumentException("a notification message needs a kind, a title and when it occurred");
        }
        if (threadKey != null && threadKey.length() > MAX_THREAD_KEY) {
            throw new IllegalArgumentException("a thread key has at most %d characters".formatted(MAX_THREAD_KEY));
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * What a follow-up adds to the page it follows up.
     *
     * @param by who acknowledged or resolved (a user's name or the sending tool's); null when not known
     * @param at when it was acknowledged or resolved
     * @param page the delivery of the first page its target was sent about the thread: an e-mail
     *        follow-up replies to that message
     */
    public record FollowUp(String by, Instant at, UUID page) {
    }

    /**
     * This page as its follow-up of {@code kind}: the same words, without the acknowledge link
     * (someone is on it, or it is over), with who and when.
     */
    NotificationMessage followedUp(MessageKind kind, FollowUp followUp) {
        return new NotificationMessage(alertId, threadKey, kind, severity, title, summary, ciName, labels, occurredAt,
                alertLink, null, followUp);
    }
}
