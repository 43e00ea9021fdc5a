package io.opsline.alerting.internal.notify;

import java.util.List;

/**
 * What a person gives to create or change a channel. On a change, {@code url}, {@code secret} and
 * {@code smtpPassword} left out keep what is stored (they are never shown, so cannot be sent back);
 * {@code version} is the version the change is based on.
 *
 * @param kind one of {@link ChannelKind}, any case; cannot be changed
 * @param secret a webhook's HMAC secret; left out on creation, one is generated and shown once
 * @param rotateSecret on a change: generate a new HMAC secret, shown once
 * @param smtpSecurity one of {@link SmtpSecurity}; STARTTLS when left out
 * @param smtpPort the usual port for {@code smtpSecurity} when left out
 * @param followUps whether the channel is told when what it was paged about is acknowledged or
 *        resolved; true when left out on creation, unchanged when left out on a change
 */
public record ChannelInput(String name, String kind, String url, String secret, Boolean rotateSecret,
        String smtpHost, Integer smtpPort, String smtpSecurity, String smtpUsername, String smtpPassword,
        String fromAddress, List<String> recipients, Integer version, Boolean followUps) {
}
