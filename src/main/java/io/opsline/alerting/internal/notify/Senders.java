package io.opsline.alerting.internal.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.platform.Secrets;
import tools.jackson.databind.json.JsonMapper;

/** Sends one delivery through its channel, whatever the kind; never throws, every outcome is a {@link SendResult}. */
@Component
class Senders {

    private final Secrets secrets;
    private final JsonMapper json;
    private final HttpSender http;
    private final EmailSender email;

    Senders(Secrets secrets, JsonMapper json, AlertingProperties properties) {
        this.secrets = secrets;
        this.json = json;
        this.http = new HttpSender(properties.notifyConnectTimeout(), properties.notifyReadTimeout());
        this.email = new EmailSender(properties.notifyConnectTimeout(), properties.notifyReadTimeout());
    }

    SendResult send(Delivery delivery, StoredChannel channel) {
        try {
            return switch (channel.kind()) {
                case EMAIL -> email.send(delivery, channel, open(channel.sealedSecret()),
                        delivery.recipients().isEmpty() ? channel.recipients() : delivery.recipients());
                case WEBHOOK -> webhook(delivery, channel);
                case SLACK -> http.post(url(channel), Payloads.slack(json, delivery.message()), Map.of());
                case TEAMS -> http.post(url(channel), Payloads.teams(json, delivery.message()), Map.of());
            };
        } catch (RuntimeException e) {
            // A secret sealed under another key, a broken URL: a failed try to show, not a stuck worker.
            return SendResult.failure("could not send: " + e.getMessage());
        }
    }

    private SendResult webhook(Delivery delivery, StoredChannel channel) {
        var body = Payloads.webhook(json, delivery);
        var timestamp = String.valueOf(Instant.now().getEpochSecond());
        return http.post(url(channel), body, Map.of(
                "X-Opsline-Timestamp", timestamp,
                "X-Opsline-Signature", HttpSender.signature(secrets.open(channel.sealedSecret()), timestamp, body),
                "Idempotency-Key", delivery.id().toString()));
    }

    private URI url(StoredChannel channel) {
        return URI.create(secrets.open(channel.sealedUrl()));
    }

    private String open(String sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }
}
