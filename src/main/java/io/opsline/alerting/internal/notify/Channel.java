package io.opsline.alerting.internal.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification channel as people see it: never its secrets (SMTP password, HMAC secret, the URL,
 * which for Slack and Teams is a credential itself), only whether one is set and the URL's host.
 * SMTP fields are null for other kinds.
 *
 * @param urlHint scheme and host of the URL, e.g. {@code https://hooks.slack.com/…}
 * @param secretSet whether an SMTP password or HMAC secret is stored
 * @param followUps whether it is told when what it was paged about is acknowledged or resolved
 */
public record Channel(UUID id, String name, ChannelKind kind, String urlHint, boolean secretSet, String smtpHost,
        Integer smtpPort, SmtpSecurity smtpSecurity, String smtpUsername, String fromAddress,
        List<String> recipients, boolean followUps, Instant createdAt, String createdBy, Instant updatedAt, int version,
        ChannelHealth health) {
}
