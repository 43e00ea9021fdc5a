package io.opsline.alerting.escalate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.sun.net.httpserver.HttpServer;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.escalate.Escalations;
import io.opsline.identity.ApiCalls;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * From an event to a page and on: routing picks the policy, the first level is notified through a
 * real webhook receiver, the next level follows when nobody acknowledged, an acknowledge link stops
 * it, and a step is taken once however many takers race for it.
 */
@OpslineIntegrationTest
class EscalationIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Escalations escalations;

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            received.add(json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    /** A webhook channel to the receiver, a two-level policy on it, and a rule routing {@code source} there. */
    private void routeToReceiver(String source) {
        var channel = api().body(api().post(accounts.admin().token(), "/api/v1/notification-channels",
                Map.of("name", "hook-" + source, "kind", "webhook",
                        "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
        var channelId = (channel.has("channel") ? channel.get("channel") : channel).get("id").asString();
        var target = List.of(Map.of("type", "channel", "id", channelId));
        var policy = api().body(api().post(accounts.admin().token(), "/api/v1/escalation-policies",
                Map.of("name", "policy-" + source, "repeat", 0, "levels", List.of(
                        Map.of("delayMinutes", 5, "targets", target), Map.of("delayMinutes", 5, "targets", target)))));
        assertThat(api().post(accounts.admin().token(), "/api/v1/routing-rules", Map.of("name", "rule-" + source,
                "policyId", policy.get("id").asString(), "conditions", Map.of("sources", List.of(source)))))
                .hasStatus(201);
    }

    private void trigger(String source, String key) {
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, Severity.CRITICAL, "db-1 is down " + source,
                Map.of("service", "db"), null, CiHint.NONE, Instant.now(), null)));
    }

    private List<JsonNode> messagesAbout(String source) {
        return received.stream().filter(m -> m.get("summary").asString().endsWith(source)).toList();
    }

    private List<JsonNode> awaitMessages(String source, int count) {
        return Awaitility.await("%d messages about %s".formatted(count, source)).atMost(Duration.ofSeconds(20))
                .until(() -> messagesAbout(source), messages -> messages.size() >= count);
    }

    /** The group of the one alert from {@code source}. */
    private UUID groupOf(String source) {
        return jdbc.sql("SELECT m.group_id FROM alert_group_member m JOIN alert a ON a.id = m.alert_id WHERE a.source = ?")
                .param(source).query(UUID.class).single();
    }

    private JsonNode escalation(String groupId) {
        return api().body(api().get(accounts.viewer().token(), "/api/v1/alert-groups/" + groupId + "/escalation"));
    }

    /** Makes the group's next step due now, instead of waiting its minutes. */
    private void makeDue(String groupId) {
        jdbc.sql("UPDATE alert_escalation SET next_step_at = ? WHERE group_id = ? AND status = 'ACTIVE'")
                .params(Jdbc.timestamp(Instant.now()), UUID.fromString(groupId)).update();
    }

    @Test
    void anUnacknowledgedGroupIsPagedLevelByLevelUntilThePolicyEnds() {
        var source = "esc-" + UUID.randomUUID();
        routeToReceiver(source);

        trigger(source, "db-1");
        var first = awaitMessages(source, 1).getFirst();
        assertThat(first.get("kind").asString()).isEqualTo("TRIGGERED");
        assertThat(first.get("links").get("acknowledge").asString()).contains("/ack/");
        var groupId = first.get("thread").asString();
        var afterFirst = escalation(groupId);
        assertThat(afterFirst.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(afterFirst.get("stepsTaken").asInt()).isEqualTo(1);
        assertThat(Instant.parse(afterFirst.get("nextStepAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(4)));

        // The same problem again pages nobody again: it is the same alert, the same group.
        trigger(source, "db-1");
        makeDue(groupId);
        var second = awaitMessages(source, 2).get(1);
        assertThat(second.get("kind").asString()).isEqualTo("ESCALATED");
        makeDue(groupId);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> escalation(groupId).get("status").asString().equals("EXHAUSTED"));
        assertThat(messagesAbout(source)).hasSize(2);
    }

    @Test
    void theAcknowledgeLinkAcknowledgesTheGroupAndStopsThePaging() throws Exception {
        var source = "esc-" + UUID.randomUUID();
        routeToReceiver(source);
        trigger(source, "db-1");
        var first = awaitMessages(source, 1).getFirst();
        var groupId = first.get("thread").asString();
        var path = URI.create(first.get("links").get("acknowledge").asString()).getPath();

        var page = mvc.get().uri(path).exchange();
        assertThat(page).hasStatusOk();
        assertThat(page.getResponse().getContentAsString()).contains("db-1 is down").contains("Acknowledge and stop paging");
        var done = mvc.post().uri(path).with(csrf()).exchange();
        assertThat(done).hasStatusOk();
        assertThat(done.getResponse().getContentAsString()).contains("Acknowledged");

        var alert = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=" + source)).get("items").get(0);
        assertThat(alert.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(escalation(groupId).get("status").asString()).isEqualTo("STOPPED");
        makeDue(groupId);
        // Paging stops; the one paged is told it is acknowledged, and nothing more.
        var acknowledged = awaitMessages(source, 2).get(1);
        assertThat(acknowledged.get("event").asString()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("followUp").get("by").asString()).isEqualTo("acknowledge link");
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> messagesAbout(source).size() == 2);
        assertThat(mvc.get().uri("/ack/not-a-real-token-not-a-real-token").exchange()).hasStatus(404);
    }

    @Test
    void aGroupNoRuleRoutesIsRecordedAndPagesNobody() {
        var source = "unrouted-" + UUID.randomUUID();
        trigger(source, "x");
        var alertId = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=" + source))
                .get("items").get(0).get("id").asString();
        var groupId = jdbc.sql("SELECT group_id FROM alert_group_member WHERE alert_id = ?")
                .param(UUID.fromString(alertId)).query(UUID.class).single().toString();
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> escalation(groupId).get("status").asString().equals("UNROUTED"));
        // No message carries its acknowledge link, so it has no token to be found by.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_escalation WHERE group_id = ? AND ack_token IS NULL"
                + " AND ack_token_hash IS NULL").param(UUID.fromString(groupId)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aGroupIsRoutedInTheTransactionThatOpensIt() {
        var source = "at-once-" + UUID.randomUUID();
        routeToReceiver(source);
        trigger(source, "x");
        // No waiting: the intake answered, so the group and its escalation are stored together.
        var routed = jdbc.sql("SELECT status FROM alert_escalation WHERE group_id = ?").param(groupOf(source))
                .query(String.class).list();
        assertThat(routed).containsExactly("ACTIVE");
    }

    @Test
    void anOpenGroupLeftWithoutAnEscalationFromBeforeIsRoutedOnStarting() {
        var source = "left-" + UUID.randomUUID();
        routeToReceiver(source);
        trigger(source, "x");
        var groupId = groupOf(source);
        awaitMessages(source, 1);
        // As a group opened before groups were routed as they opened, and still waiting to be.
        jdbc.sql("DELETE FROM alert_escalation WHERE group_id = ?").param(groupId).update();

        while (escalations.startNeverRouted(1000) == 1000) {
            // Other tests' groups may be left so too; all are routed, a thousand at a time.
        }
        var escalation = escalation(groupId.toString());
        assertThat(escalation.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(escalation.get("ruleName").asString()).isEqualTo("rule-" + source);
        assertThat(escalations.startNeverRouted(1000)).as("routed once").isZero();
        awaitMessages(source, 2);
    }

    @Test
    void racingTakersTakeEachDueStepOnce() throws Exception {
        var source = "race-" + UUID.randomUUID();
        routeToReceiver(source);
        for (int i = 0; i < 30; i++) {
            trigger(source, "host-" + i);
        }
        awaitMessages(source, 30);
        var groups = jdbc.sql("SELECT e.group_id FROM alert_escalation e JOIN alert_group_member m ON m.group_id = e.group_id"
                + " JOIN alert a ON a.id = m.alert_id WHERE a.source = ?").param(source).query(UUID.class).list();
        assertThat(groups).hasSize(30);
        groups.forEach(group -> makeDue(group.toString()));

        // This node's worker and four more takers, each in its own transaction, race for the same steps.
        var due = escalations.due(500);
        var takers = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            takers.add(Thread.ofVirtual().start(() -> escalations.takeSteps(due)));
        }
        for (var taker : takers) {
            taker.join();
        }
        awaitMessages(source, 60);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> messagesAbout(source).size() == 60);
        var steps = jdbc.sql("SELECT steps_taken FROM alert_escalation WHERE group_id IN (:groups)")
                .param("groups", groups).query(Integer.class).list();
        assertThat(steps).hasSize(30).containsOnly(2);
    }
}
