package io.opsline.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks, Slack and Teams against a real HTTP receiver: what arrives, and that it is signed. */
@OpslineIntegrationTest
class WebhookNotificationsIT {

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

    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private JsonNode create(Map<String, Object> input) {
        var created = api().post(accounts.admin().token(), "/api/v1/notification-channels", input);
        assertThat(created).hasStatus(201);
        return api().body(created);
    }

    private JsonNode awaitOne(String path) {
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests(path).size() == 1);
        return json.readTree(receiver.requests(path).getFirst().body());
    }

    @Test
    void aWebhookCarriesTheMessageSignedWithTheSecretShownOnceAtCreation() throws Exception {
        var created = create(Map.of("name", ApiCalls.unique("webhook"), "kind", "webhook", "url",
                receiver.url("/hook?token=s3cret")));
        var id = UUID.fromString(created.get("channel").get("id").asString());
        var secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        var shown = api().get(accounts.viewer().token(), "/api/v1/notification-channels/" + id).getResponse()
                .getContentAsString();
        assertThat(shown).doesNotContain(secret).doesNotContain("s3cret").contains("http://127.0.0.1:");
        var row = jdbc.sql("SELECT sealed_url, sealed_secret FROM notification_channel WHERE id = ?").param(id)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single();
        assertThat(row).startsWith("v1:").doesNotContain("s3cret").doesNotContain(secret);

        var message = NotifyFixtures.firing("group-" + UUID.randomUUID(), "db-1 disk full");
        var request = NotifyFixtures.request(id, message);
        assertThat(notifications.enqueue(request)).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/hook").size() == 1);
        var arrived = receiver.requests("/hook").getFirst();
        var deliveryId = notifications.findByKey(request.deliveryKey()).orElseThrow().id();
        var timestamp = arrived.header("X-Opsline-Timestamp");
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + arrived.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(arrived.header("X-Opsline-Signature")).isEqualTo(expected);
        assertThat(arrived.header("Idempotency-Key")).isEqualTo(deliveryId.toString());
        var body = json.readTree(arrived.body());
        assertThat(body.get("id").asString()).isEqualTo(deliveryId.toString());
        assertThat(body.get("kind").asString()).isEqualTo("TRIGGERED");
        assertThat(body.get("alertId").asString()).isEqualTo(message.alertId().toString());
        assertThat(body.get("thread").asString()).isEqualTo(message.threadKey());
        assertThat(body.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(body.get("ci").asString()).isEqualTo("db-1");
        assertThat(body.get("labels").get("mount").asString()).isEqualTo("/var");
        assertThat(body.get("occurredAt").asString()).isEqualTo(message.occurredAt().toString());
        assertThat(body.get("links").get("acknowledge").asString()).isEqualTo("https://opsline.example/ack?token=abc");

        await().atMost(Duration.ofSeconds(10)).until(() -> api().body(api().get(accounts.viewer().token(),
                "/api/v1/notification-deliveries/" + deliveryId)).get("delivery").get("status").asString()
                .equals("SENT"));
        var detail = api().body(api().get(accounts.viewer().token(), "/api/v1/notification-deliveries/" + deliveryId));
        assertThat(detail.get("attempts")).hasSize(1);
        assertThat(detail.get("attempts").get(0).get("httpStatus").asInt()).isEqualTo(200);
        var health = api().body(api().get(accounts.viewer().token(), "/api/v1/notification-channels/" + id))
                .get("health");
        assertThat(health.get("status").asString()).isEqualTo("OK");

        // A new secret replaces the old one: shown once, and what the next message is signed with.
        var version = api().body(api().get(accounts.admin().token(), "/api/v1/notification-channels/" + id))
                .get("version").asInt();
        var rotated = api().put(accounts.admin().token(), "/api/v1/notification-channels/" + id,
                Map.of("name", created.get("channel").get("name").asString(), "rotateSecret", true, "version", version));
        assertThat(rotated).hasStatusOk();
        assertThat(api().body(rotated).get("secret").asString()).isNotEqualTo(secret).startsWith("whsec_");
    }

    @Test
    void slackGetsTextAndBlocksWithMarkupEscaped() {
        var id = create(Map.of("name", ApiCalls.unique("slack"), "kind", "SLACK", "url",
                receiver.url("/services/T000/B000/XXXX"))).get("channel").get("id").asString();
        notifications.enqueue(NotifyFixtures.request(UUID.fromString(id), NotifyFixtures.firing("t", "db-1 <down>")));

        var body = awaitOne("/services/T000/B000/XXXX");
        assertThat(body.get("text").asString()).isEqualTo("[CRITICAL] db-1 <down>");
        var blocks = body.get("blocks");
        assertThat(blocks.get(0).get("type").asString()).isEqualTo("section");
        assertThat(blocks.get(0).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(blocks.get(0).get("text").get("text").asString()).contains("db-1 &lt;down&gt;")
                .contains("Disk &lt;b&gt;full&lt;/b&gt; &amp; climbing");
        assertThat(blocks.get(2).get("type").asString()).isEqualTo("actions");
        assertThat(blocks.get(2).get("elements").get(1).get("url").asString())
                .isEqualTo("https://opsline.example/ack?token=abc");
    }

    @Test
    void teamsGetsAnAdaptiveCard() {
        var id = create(Map.of("name", ApiCalls.unique("teams"), "kind", "teams", "url",
                receiver.url("/workflows/abc"))).get("channel").get("id").asString();
        notifications.enqueue(NotifyFixtures.request(UUID.fromString(id), NotifyFixtures.firing("t", "db-1 down")));

        var body = awaitOne("/workflows/abc");
        assertThat(body.get("type").asString()).isEqualTo("message");
        var attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        var card = attachment.get("content");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asString()).isEqualTo("1.4");
        assertThat(card.get("body").get(0).get("text").asString()).isEqualTo("[CRITICAL] db-1 down");
        assertThat(card.get("body").get(2).get("type").asString()).isEqualTo("FactSet");
        assertThat(card.get("actions").get(0).get("type").asString()).isEqualTo("Action.OpenUrl");
    }

    @Test
    void anOperatorSendsATestMessageAndFollowsItsDelivery() {
        var id = create(Map.of("name", ApiCalls.unique("test-me"), "kind", "webhook", "url", receiver.url("/t"),
                "secret", "a-secret-of-enough-length")).get("channel").get("id").asString();

        var queued = api().post(accounts.operator().token(), "/api/v1/notification-channels/" + id + "/test", null);
        assertThat(queued).hasStatus(202);
        var delivery = api().body(queued);
        assertThat(delivery.get("message").get("kind").asString()).isEqualTo("TEST");

        var body = awaitOne("/t");
        assertThat(body.get("kind").asString()).isEqualTo("TEST");
        assertThat(body.get("id").asString()).isEqualTo(delivery.get("id").asString());
        var page = api().body(api().get(accounts.viewer().token(), "/api/v1/notification-deliveries?channel=" + id));
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(api().post(accounts.viewer().token(), "/api/v1/notification-channels/" + id + "/test", null))
                .hasStatus(403);
    }
}
