package io.opsline.alerting.notify;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.notify.MessageKind;
import io.opsline.alerting.internal.notify.NotificationMessage;
import io.opsline.alerting.internal.notify.NotificationRequest;
import io.opsline.identity.ApiCalls;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Messages and requests as the escalation engine will queue them. */
public final class NotifyFixtures {

    private NotifyFixtures() {
    }

    /** A critical alert firing, with links and a label holding markup (which every format must escape). */
    public static NotificationMessage firing(String threadKey, String title) {
        return new NotificationMessage(UUID.randomUUID(), threadKey, MessageKind.TRIGGERED, Severity.CRITICAL, title,
                "Disk <b>full</b> & climbing", "db-1", Map.of("mount", "/var", "note", "<script>alert(1)</script>"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), URI.create("https://opsline.example/alerts/1"),
                URI.create("https://opsline.example/ack?token=abc"), null);
    }

    public static NotificationRequest request(UUID channelId, NotificationMessage message) {
        return new NotificationRequest("test:" + UUID.randomUUID(), channelId, List.of(), message);
    }

    /** Creates a channel through the REST API as {@code adminToken}'s admin; its id. */
    public static UUID channel(ApiCalls api, String adminToken, Map<String, Object> fields) {
        var created = api.post(adminToken, "/api/v1/notification-channels", fields);
        assertThat(created).hasStatus(201);
        return UUID.fromString(api.body(created).get("channel").get("id").asString());
    }

    /** The messages the SMTP server received with this subject. */
    public static List<MimeMessage> mailWith(GreenMailExtension smtp, String subject) {
        return List.of(smtp.getReceivedMessages()).stream().filter(mail -> {
            try {
                return subject.equals(mail.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
