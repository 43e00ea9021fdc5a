package io.opsline.alerting.internal.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A channel as stored, with its secrets sealed ({@link io.opsline.platform.Secrets}).
 *
 * @param sealedUrl the webhook, Slack or Teams URL; null for e-mail
 * @param sealedSecret the SMTP password or the webhook's HMAC secret; null when there is none
 * @param followUps whether it is told when what it was paged about is acknowledged or resolved
 */
record StoredChannel(UUID id, String name, ChannelKind kind, String sealedUrl, String urlHint, String sealedSecret,
        String smtpHost, Integer smtpPort, SmtpSecurity smtpSecurity, String smtpUsername, String fromAddress,
        List<String> recipients, boolean followUps, Instant createdAt, String createdBy, Instant updatedAt,
        int version) {

    Channel view(ChannelHealth health) {
        return new Channel(id, name, kind, urlHint, sealedSecret != null, smtpHost, smtpPort, smtpSecurity,
                smtpUsername, fromAddress, recipients, followUps, createdAt, createdBy, updatedAt, version, health);
    }
}
