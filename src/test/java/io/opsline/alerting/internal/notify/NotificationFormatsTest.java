package io.opsline.alerting.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.Severity;

/** How messages are worded, signed, addressed and spaced out, without sending anything. */
class NotificationFormatsTest {

    private static NotificationMessage message(MessageKind kind) {
        return new NotificationMessage(UUID.randomUUID(), "group-1", kind, Severity.CRITICAL, "db-1 <down>",
                "a & b", "db-1", Map.of("z", "last", "a", "<i>first</i>"), Instant.parse("2026-01-02T03:04:05Z"),
                URI.create("https://opsline.example/alerts/1?x=1&y=2"), null, null);
    }

    private static NotificationMessage followUp(MessageKind kind, String by, Duration after) {
        var page = message(MessageKind.TRIGGERED);
        return page.followedUp(kind, new NotificationMessage.FollowUp(by, page.occurredAt().plus(after),
                UUID.fromString("00000000-0000-0000-0000-00000000000a")));
    }

    @Test
    void theSubjectSaysTheSeverityWhileFiringAndWhatHappenedAfter() {
        assertThat(MessageText.subject(message(MessageKind.TRIGGERED))).isEqualTo("[CRITICAL] db-1 <down>");
        assertThat(MessageText.subject(message(MessageKind.ESCALATED))).isEqualTo("[CRITICAL] db-1 <down>");
        assertThat(MessageText.subject(message(MessageKind.RESOLVED))).isEqualTo("[RESOLVED] db-1 <down>");
        var multiLine = new NotificationMessage(null, null, MessageKind.TEST, null, "one\r\ntwo", null, null, null,
                Instant.EPOCH, null, null, null);
        assertThat(MessageText.subject(multiLine)).isEqualTo("[TEST] one two");
    }

    @Test
    void aFollowUpSaysWhoAcknowledgedOrResolvedAndHowLongAfterTheAlertBegan() {
        var acknowledged = followUp(MessageKind.ACKNOWLEDGED, "alice", Duration.ofSeconds(12 * 60 + 5));
        assertThat(MessageText.subject(acknowledged)).isEqualTo("[ACKNOWLEDGED] db-1 <down>");
        assertThat(MessageText.outcome(acknowledged)).contains("Acknowledged by alice after 12m 5s");
        assertThat(MessageText.plain(acknowledged)).startsWith("Acknowledged: db-1 <down>\n\nAcknowledged by alice after 12m 5s.")
                .contains("Acknowledged: 2026-01-02T03:16:10Z").doesNotContain("Acknowledge:");
        var resolved = followUp(MessageKind.RESOLVED, null, Duration.ofMinutes(65));
        assertThat(MessageText.outcome(resolved)).contains("Resolved after 1h 5m");
        assertThat(MessageText.html(resolved)).contains("<strong>Resolved after 1h 5m.</strong>");
        assertThat(MessageText.outcome(message(MessageKind.TRIGGERED))).isEmpty();
    }

    @Test
    void durationsShowTheirTwoLargestUnits() {
        assertThat(MessageText.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(MessageText.duration(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(MessageText.duration(Duration.ofHours(26).plusMinutes(59))).isEqualTo("1d 2h");
        assertThat(MessageText.duration(Duration.ofHours(3))).isEqualTo("3h");
    }

    @Test
    void slackAndTeamsSayWhoAcknowledgedAndTheWebhookCarriesTheEvent() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var acknowledged = followUp(MessageKind.ACKNOWLEDGED, "alice", Duration.ofMinutes(3));
        var slack = json.readTree(Payloads.slack(json, acknowledged));
        assertThat(slack.get("text").asString()).isEqualTo("[ACKNOWLEDGED] db-1 <down>: Acknowledged by alice after 3m");
        assertThat(Payloads.teams(json, acknowledged)).contains("Acknowledged by alice after 3m");
        var delivery = new Delivery(UUID.randomUUID(), "k", UUID.randomUUID(), java.util.List.of(), acknowledged,
                DeliveryStatus.PENDING, 0, Instant.EPOCH, Instant.EPOCH, null, null);
        var webhook = json.readTree(Payloads.webhook(json, delivery));
        assertThat(webhook.get("event").asString()).isEqualTo("acknowledged");
        assertThat(webhook.get("thread").asString()).isEqualTo("group-1");
        assertThat(webhook.get("followUp").get("by").asString()).isEqualTo("alice");
        assertThat(webhook.get("followUp").get("afterSeconds").asLong()).isEqualTo(180);
        assertThat(webhook.get("followUp").get("page").asString()).isEqualTo("00000000-0000-0000-0000-00000000000a");
        assertThat(webhook.get("links").get("acknowledge").isNull()).isTrue();
    }

    @Test
    void htmlEscapesEverythingFromTheEventAndTextKeepsItAsItIs() {
        var html = MessageText.html(message(MessageKind.TRIGGERED));
        assertThat(html).contains("db-1 &lt;down&gt;").contains("a &amp; b").contains("&lt;i&gt;first&lt;/i&gt;")
                .contains("href=\"https://opsline.example/alerts/1?x=1&amp;y=2\"").doesNotContain("<i>")
                .doesNotContain("Acknowledge");
        var text = MessageText.plain(message(MessageKind.TRIGGERED));
        assertThat(text).startsWith("Triggered: db-1 <down>").contains("a: <i>first</i>")
                .contains("Occurred: 2026-01-02T03:04:05Z");
        assertThat(text.indexOf("a: <i>")).isLessThan(text.indexOf("z: last"));
    }

    @Test
    void theWebhookSignatureIsHmacSha256OfTimestampDotBody() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        assertThat(HttpSender.signature("whsec_test", "1700000000", "{\"a\":1}"))
                .isEqualTo("sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }

    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        var base = Duration.ofSeconds(30);
        var cap = Duration.ofMinutes(30);
        assertThat(DeliveryWorker.backoff(base, cap, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeliveryWorker.backoff(base, cap, 2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(DeliveryWorker.backoff(base, cap, 6)).isEqualTo(Duration.ofSeconds(960));
        assertThat(DeliveryWorker.backoff(base, cap, 7)).isEqualTo(cap);
        assertThat(DeliveryWorker.backoff(base, cap, 500)).isEqualTo(cap);
    }

    @Test
    void onlyBareAddressesCountAsRecipients() {
        assertThat(ChannelRules.isAddress("oncall@example.com")).isTrue();
        assertThat(ChannelRules.isAddress("Bob <bob@example.com>")).isFalse();
        assertThat(ChannelRules.isAddress("a@example.com, b@example.com")).isFalse();
        assertThat(ChannelRules.isAddress("no-at-sign")).isFalse();
        assertThat(ChannelRules.isAddress("")).isFalse();
    }

    @Test
    void aUrlIsShownAsSchemeAndHostOnly() {
        assertThat(ChannelRules.hint(URI.create("https://hooks.slack.com/services/T0/B0/secret")))
                .isEqualTo("https://hooks.slack.com/…");
        assertThat(ChannelRules.hint(URI.create("http://127.0.0.1:8080/hook?token=x")))
                .isEqualTo("http://127.0.0.1:8080/…");
    }

    @Test
    void threadKeysThatCannotBePartOfAMessageIdAreReplacedByAStableOne() {
        assertThat(EmailSender.threadId("group-1.a_b")).isEqualTo("group-1.a_b");
        assertThat(EmailSender.threadId("a group <with> @signs")).isEqualTo(EmailSender.threadId("a group <with> @signs"))
                .matches("[0-9a-f-]{36}");
    }
}
