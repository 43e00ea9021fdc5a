package io.opsline.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.opsline.alerting.internal.notify.DeliveryStatus;
import io.opsline.alerting.internal.notify.NotificationRequest;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.Peers;
import io.opsline.testing.TestAccounts;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.json.JsonMapper;

/** E-mail channels against a real SMTP server (GreenMail) that wants a password. */
@OpslineIntegrationTest
class EmailNotificationsIT {

    private static final String PASSWORD = "smtp-pass-" + UUID.randomUUID();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(Peers.freeTcpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@opsline.test", "opsline", PASSWORD));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private UUID emailChannel(String password) {
        return NotifyFixtures.channel(api(), accounts.admin().token(), Map.of(
                "name", ApiCalls.unique("mail"), "kind", "email", "smtpHost", "127.0.0.1",
                "smtpPort", smtp.getSmtp().getPort(), "smtpSecurity", "none", "smtpUsername", "opsline",
                "smtpPassword", password, "fromAddress", "opsline@opsline.test",
                "recipients", List.of("oncall@opsline.test")));
    }

    private List<MimeMessage> receivedWith(String subject) {
        return NotifyFixtures.mailWith(smtp, subject);
    }

    @Test
    void twoMessagesOfOneAlertGroupArriveAsOneThreadWithTextAndHtml() throws Exception {
        var channel = emailChannel(PASSWORD);
        var sealed = jdbc.sql("SELECT sealed_secret FROM notification_channel WHERE id = ?").param(channel)
                .query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain(PASSWORD);
        assertThat(api().get(accounts.admin().token(), "/api/v1/notification-channels/" + channel).getResponse()
                .getContentAsString()).doesNotContain(PASSWORD).contains("\"secretSet\":true");

        var thread = "group-" + UUID.randomUUID();
        var title = "disk full " + UUID.randomUUID();
        var first = NotifyFixtures.request(channel, NotifyFixtures.firing(thread, title));
        var second = new NotificationRequest("test:" + UUID.randomUUID(), channel,
                List.of("dba@opsline.test"), NotifyFixtures.firing(thread, title));
        assertThat(notifications.enqueue(first)).isTrue();
        assertThat(notifications.enqueue(second)).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> receivedWith("[CRITICAL] " + title).size() == 2);
        var firstId = notifications.findByKey(first.deliveryKey()).orElseThrow().id();
        var secondId = notifications.findByKey(second.deliveryKey()).orElseThrow().id();
        var byId = receivedWith("[CRITICAL] " + title).stream().collect(java.util.stream.Collectors.toMap(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, m -> m));
        assertThat(byId).containsOnlyKeys("<" + firstId + "@opsline>", "<" + secondId + "@opsline>");
        var mail = byId.get("<" + firstId + "@opsline>");
        assertThat(mail.getHeader("References", null)).isEqualTo("<thread-" + thread + "@opsline>");
        assertThat(mail.getHeader("In-Reply-To", null)).isEqualTo("<thread-" + thread + "@opsline>");
        assertThat(byId.get("<" + secondId + "@opsline>").getHeader("References", null))
                .isEqualTo(mail.getHeader("References", null));
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@opsline.test");
        assertThat(byId.get("<" + secondId + "@opsline>").getAllRecipients()[0].toString())
                .isEqualTo("dba@opsline.test");

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        var text = (String) parts.getBodyPart(0).getContent();
        assertThat(text).contains("Triggered: " + title).contains("<script>alert(1)</script>")
                .contains("https://opsline.example/alerts/1").contains("https://opsline.example/ack?token=abc");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        var html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;")
                .contains("Disk &lt;b&gt;full&lt;/b&gt; &amp; climbing")
                .contains("href=\"https://opsline.example/ack?token=abc\"");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                notifications.get(firstId).delivery().status() == DeliveryStatus.SENT);
        var attempt = notifications.get(firstId).attempts().getFirst();
        assertThat(attempt.succeeded()).isTrue();
        assertThat(attempt.reply()).startsWith("250");
    }

    @Test
    void aWrongSmtpPasswordIsAFailedTryWithTheServersReason() {
        var channel = emailChannel("not-the-password");
        var request = NotifyFixtures.request(channel, NotifyFixtures.firing("t", "refused " + UUID.randomUUID()));
        notifications.enqueue(request);

        var id = notifications.findByKey(request.deliveryKey()).orElseThrow().id();
        await().atMost(Duration.ofSeconds(20)).until(() -> !notifications.get(id).attempts().isEmpty());
        var detail = notifications.get(id);
        assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(detail.attempts().getFirst().succeeded()).isFalse();
        assertThat(detail.attempts().getFirst().error()).containsIgnoringCase("auth");
    }
}
