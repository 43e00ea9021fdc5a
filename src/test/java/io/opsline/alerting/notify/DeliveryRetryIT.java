package io.opsline.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.notify.DeliveryStatus;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failing and hanging endpoints: retries with backoff, timeouts, a failing channel's health, giving
 * up and retrying by hand. Short backoff and timeouts, hence an application context of its own.
 */
@OpslineIntegrationTest
@TestPropertySource(properties = {
    "opsline.alerting.notify-poll-interval=100ms",
    "opsline.alerting.notify-backoff-base=100ms",
    "opsline.alerting.notify-backoff-cap=400ms",
    "opsline.alerting.notify-read-timeout=1s",
    "opsline.alerting.notify-max-attempts=4",
    "opsline.alerting.notify-failing-after=2"})
class DeliveryRetryIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Notifications notifications;

    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private UUID slack(String path) {
        return NotifyFixtures.channel(api(), accounts.admin().token(),
                Map.of("name", ApiCalls.unique("slack"), "kind", "slack", "url", receiver.url(path)));
    }

    private UUID enqueue(UUID channel) {
        var request = NotifyFixtures.request(channel, NotifyFixtures.firing("t", "db-1 down"));
        notifications.enqueue(request);
        return notifications.findByKey(request.deliveryKey()).orElseThrow().id();
    }

    private JsonNode detail(UUID delivery) {
        return api().body(api().get(accounts.viewer().token(), "/api/v1/notification-deliveries/" + delivery));
    }

    private JsonNode channel(UUID channel) {
        return api().body(api().get(accounts.viewer().token(), "/api/v1/notification-channels/" + channel));
    }

    @Test
    void anEndpointFailingTwiceGetsTheMessageOnTheThirdTryAndEveryTryIsLogged() {
        var calls = new AtomicInteger();
        receiver.answer("/flaky", () -> calls.incrementAndGet() <= 2 ? 500 : 200);
        var delivery = enqueue(slack("/flaky"));

        await().atMost(Duration.ofSeconds(20)).until(() -> detail(delivery).get("delivery").get("status").asString()
                .equals("SENT"));
        var attempts = detail(delivery).get("attempts");
        assertThat(attempts.valueStream().map(a -> a.get("httpStatus").asInt()).toList()).containsExactly(500, 500, 200);
        assertThat(attempts.valueStream().map(a -> a.get("attempt").asInt()).toList()).containsExactly(1, 2, 3);
        assertThat(attempts.get(0).get("error").asString()).isEqualTo("HTTP 500: no thanks");
        assertThat(attempts.get(2).get("error").isNull()).isTrue();
        assertThat(receiver.requests("/flaky")).hasSize(3);
    }

    @Test
    void aHangingEndpointTimesOutAndIsRetriedWhileOtherChannelsStillGetTheirs() {
        receiver.hang("/hang");
        var hanging = enqueue(slack("/hang"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests("/hang").size() == 1);

        // The first try is still waiting for its answer: another channel's messages go out meanwhile.
        var other = slack("/fine");
        var sent = enqueue(other);
        await().atMost(Duration.ofSeconds(10)).until(() -> detail(sent).get("delivery").get("status").asString()
                .equals("SENT"));
        await().atMost(Duration.ofSeconds(20)).until(() -> detail(hanging).get("attempts").size() >= 2);
        var first = detail(hanging).get("attempts").get(0);
        assertThat(first.get("succeeded").asBoolean()).isFalse();
        assertThat(first.get("error").asString()).isEqualTo("no answer within 1000 ms");
        assertThat(first.get("durationMillis").asLong()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aChannelThatKeepsFailingShowsFailingAndItsMessageCanBeRetriedOnceItWorks() {
        var answer = new AtomicInteger(503);
        receiver.answer("/down", answer::get);
        var channel = slack("/down");
        assertThat(channel(channel).get("health").get("status").asString()).isEqualTo("UNTESTED");
        var delivery = enqueue(channel);

        await().atMost(Duration.ofSeconds(20)).until(() -> detail(delivery).get("delivery").get("status").asString()
                .equals("FAILED"));
        assertThat(detail(delivery).get("attempts")).hasSize(4);
        var health = channel(channel).get("health");
        assertThat(health.get("status").asString()).isEqualTo("FAILING");
        assertThat(health.get("consecutiveFailures").asInt()).isEqualTo(4);
        assertThat(health.get("lastError").asString()).isEqualTo("HTTP 503: no thanks");
        assertThat(health.get("lastSuccessAt").isNull()).isTrue();

        answer.set(204);
        assertThat(api().post(accounts.viewer().token(), "/api/v1/notification-deliveries/" + delivery + "/retry",
                null)).hasStatus(403);
        var retried = api().post(accounts.operator().token(), "/api/v1/notification-deliveries/" + delivery + "/retry",
                null);
        assertThat(retried).hasStatusOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.get(delivery).delivery().status()
                == DeliveryStatus.SENT);
        assertThat(channel(channel).get("health").get("status").asString()).isEqualTo("OK");
        assertThat(api().post(accounts.operator().token(), "/api/v1/notification-deliveries/" + delivery + "/retry",
                null)).hasStatus(409);
        assertThat(api().post(accounts.operator().token(), "/api/v1/notification-deliveries/" + UUID.randomUUID()
                + "/retry", null)).hasStatus(404);
    }
}
