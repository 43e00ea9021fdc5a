package io.opsline.alerting.escalate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.correlate.GroupingRuleInput;
import io.opsline.alerting.internal.correlate.GroupingRules;
import io.opsline.alerting.internal.correlate.LabelMatcher;
import io.opsline.alerting.internal.notify.MessageKind;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.alerting.notify.NotifyFixtures;
import io.opsline.alerting.notify.Receiver;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.Peers;
import io.opsline.testing.TestAccounts;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Once a paged alert group is acknowledged or resolved, every target that was paged about it is told
 * once: a real webhook receiver and a real SMTP server (GreenMail) are paged through an escalation
 * policy, then followed up.
 */
@OpslineIntegrationTest
class FollowUpIT {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(Peers.freeTcpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    AlertGroups groups;
    @Autowired
    GroupingRules rules;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;

    private final Receiver receiver = new Receiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private UUID channel(Map<String, Object> fields) {
        return NotifyFixtures.channel(api(), accounts.admin().token(), fields);
    }

    private UUID webhook(String path, boolean followUps) {
        return channel(Map.of("name", ApiCalls.unique("hook"), "kind", "webhook", "url", receiver.url(path),
                "followUps", followUps));
    }

    private UUID email() {
        return channel(Map.of("name", ApiCalls.unique("mail"), "kind", "email", "smtpHost", "127.0.0.1",
                "smtpPort", smtp.getSmtp().getPort(), "smtpSecurity", "none", "fromAddress", "opsline@opsline.test",
                "recipients", List.of("oncall@opsline.test")));
    }

    /** A one-level policy notifying these channels, and a rule routing the source's alerts to it. */
    private void route(String source, UUID... channels) {
        var targets = List.of(channels).stream().map(id -> Map.of("type", "channel", "id", id.toString())).toList();
        var policy = api().body(api().post(accounts.admin().token(), "/api/v1/escalation-policies",
                Map.of("name", "policy-" + source, "repeat", 0, "levels",
                        List.of(Map.of("delayMinutes", 5, "targets", targets)))));
        assertThat(api().post(accounts.admin().token(), "/api/v1/routing-rules", Map.of("name", "rule-" + source,
                "policyId", policy.get("id").asString(), "conditions", Map.of("sources", List.of(source)))))
                .hasStatus(201);
    }

    private static Event event(String source, String key, EventAction action) {
        return new Event(source, key, action, Severity.CRITICAL, "db down " + key + " " + source,
                Map.of("alertname", "DbDown"), null, CiHint.NONE, Instant.now(), null);
    }

    private UUID alertId(String source, String key) {
        var items = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=" + source)).get("items");
        for (var item : items) {
            if (item.get("dedupKey").asString().equals(key)) {
                return UUID.fromString(item.get("id").asString());
            }
        }
        throw new AssertionError("no alert " + key + " of " + source);
    }

    private void operatorDoes(String action, UUID alertId) {
        assertThat(api().post(accounts.operator().token(), "/api/v1/alerts/" + alertId + "/" + action, Map.of()))
                .hasStatusOk();
    }

    private List<JsonNode> bodies(String path) {
        return receiver.requests(path).stream().map(request -> json.readTree(request.body())).toList();
    }

    private List<JsonNode> awaitBodies(String path, int count) {
        return await("%d messages to %s".formatted(count, path)).atMost(Duration.ofSeconds(20))
                .until(() -> bodies(path), received -> received.size() >= count);
    }

    private int followUpsQueued(UUID groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_delivery WHERE thread_key = ?"
                + " AND kind IN ('ACKNOWLEDGED', 'RESOLVED')").param(groupId.toString()).query(Integer.class).single();
    }

    @Test
    void aPagedGroupsTargetsAreToldOnceOfItsAcknowledgementAndOnceOfItsResolution() {
        var source = "follow-" + UUID.randomUUID();
        var hook = "/hook-" + UUID.randomUUID();
        var quiet = "/quiet-" + UUID.randomUUID();
        var quietChannel = webhook(quiet, false);
        route(source, webhook(hook, true), quietChannel);
        intake.accept(List.of(event(source, "db-1", EventAction.TRIGGER)));
        var page = awaitBodies(hook, 1).getFirst();
        assertThat(page.get("event").asString()).isEqualTo("triggered");
        awaitBodies(quiet, 1);
        var alert = alertId(source, "db-1");

        operatorDoes("acknowledge", alert);
        var acknowledged = awaitBodies(hook, 2).get(1);
        assertThat(acknowledged.get("event").asString()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("thread").asString()).isEqualTo(page.get("thread").asString());
        assertThat(acknowledged.get("followUp").get("by").asString()).isEqualTo(accounts.operator().username());
        assertThat(acknowledged.get("followUp").get("page").asString()).isEqualTo(page.get("id").asString());
        assertThat(acknowledged.get("links").get("acknowledge").isNull()).isTrue();

        // Acknowledging again, or from the source, tells nobody again.
        operatorDoes("acknowledge", alert);
        intake.accept(List.of(event(source, "db-1", EventAction.ACKNOWLEDGE)));
        operatorDoes("resolve", alert);
        var resolved = awaitBodies(hook, 3).get(2);
        assertThat(resolved.get("event").asString()).isEqualTo("resolved");
        assertThat(resolved.get("thread").asString()).isEqualTo(page.get("thread").asString());
        assertThat(resolved.get("followUp").get("by").asString()).isEqualTo(accounts.operator().username());

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> bodies(hook).size() == 3 && bodies(quiet).size() == 1);
        assertThat(bodies(hook)).extracting(body -> body.get("event").asString())
                .containsExactly("triggered", "acknowledged", "resolved");
        assertThat(receiver.requests(hook)).extracting(request -> request.header("Idempotency-Key"))
                .doesNotHaveDuplicates().doesNotContainNull();
        assertThat(api().body(api().get(accounts.admin().token(), "/api/v1/notification-channels/" + quietChannel))
                .get("followUps").asBoolean()).isFalse();
    }

    @Test
    void anEmailFollowUpRepliesToThePageInItsThread() throws Exception {
        var source = "follow-mail-" + UUID.randomUUID();
        route(source, email());
        intake.accept(List.of(event(source, "db-1", EventAction.TRIGGER)));
        var summary = "db down db-1 " + source;
        var page = await().atMost(Duration.ofSeconds(20)).until(() -> mailWith("[CRITICAL] " + summary),
                found -> found.size() == 1).getFirst();

        // Resolved without an acknowledgement: only the resolution is told.
        operatorDoes("resolve", alertId(source, "db-1"));
        var followUp = await().atMost(Duration.ofSeconds(20)).until(() -> mailWith("[RESOLVED] " + summary),
                found -> found.size() == 1).getFirst();
        var thread = page.getHeader("References", null);
        assertThat(followUp.getHeader("In-Reply-To", null)).isEqualTo(page.getMessageID());
        assertThat(followUp.getHeader("References", null)).contains(page.getMessageID()).contains(thread);
        assertThat(followUp.getAllRecipients()[0].toString()).isEqualTo("oncall@opsline.test");
        var text = (String) ((MimeMultipart) followUp.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("Resolved by " + accounts.operator().username() + " after").doesNotContain("Acknowledge:");
        assertThat(mailWith("[ACKNOWLEDGED] " + summary)).isEmpty();
    }

    private List<MimeMessage> mailWith(String subject) {
        return NotifyFixtures.mailWith(smtp, subject);
    }

    @Test
    void aGroupNobodyWasPagedAboutIsFollowedUpToNobody() {
        var source = "follow-unrouted-" + UUID.randomUUID();
        intake.accept(List.of(event(source, "x", EventAction.TRIGGER)));
        var alert = alertId(source, "x");
        var group = groups.groupOf(alert).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT status FROM alert_escalation WHERE group_id = ?")
                .param(group).query(String.class).optional().filter("UNROUTED"::equals).isPresent());

        operatorDoes("acknowledge", alert);
        operatorDoes("resolve", alert);
        // Follow-ups are queued in the transaction that acknowledges or resolves: none now means none ever.
        assertThat(followUpsQueued(group)).isZero();
    }

    @Test
    void resolutionsRacingFromSeveralThreadsTellEachTargetOnce() throws Exception {
        var source = "follow-race-" + UUID.randomUUID();
        TestAccounts.actingAs("admin", Role.ADMIN, () -> rules.create(new GroupingRuleInput("by " + source,
                List.of(new LabelMatcher("source", source, false)), List.of("alertname"), 600L, null)));
        var hook = "/race-" + UUID.randomUUID();
        route(source, webhook(hook, true));
        intake.accept(List.of(event(source, "a", EventAction.TRIGGER), event(source, "b", EventAction.TRIGGER)));
        var page = awaitBodies(hook, 1).getFirst();
        var a = alertId(source, "a");
        var b = alertId(source, "b");
        var group = groups.groupOf(a).orElseThrow();
        assertThat(groups.groupOf(b)).contains(group);
        assertThat(page.get("thread").asString()).isEqualTo(group.toString());

        // A person resolves a while the source resolves b and another person b too, all at once.
        var start = new CyclicBarrier(3);
        try (var racers = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = List.of(
                    racers.submit(() -> together(start,
                            () -> TestAccounts.actingAs("alice", Role.OPERATOR, () -> alerts.resolve(a, "alice")))),
                    racers.submit(() -> together(start,
                            () -> intake.accept(List.of(event(source, "b", EventAction.RESOLVE))))),
                    racers.submit(() -> together(start,
                            () -> TestAccounts.actingAs("bob", Role.OPERATOR, () -> alerts.resolve(b, "bob")))));
            for (var racer : done) {
                racer.get();
            }
        }

        assertThat(groups.find(group).orElseThrow().status().name()).isEqualTo("RESOLVED");
        assertThat(followUpsQueued(group)).isEqualTo(1);
        // Another node telling of the same resolution later adds nothing either.
        assertThat(notifications.followUp(group.toString(), MessageKind.RESOLVED, "node-2", Instant.now())).isZero();
        awaitBodies(hook, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> bodies(hook).size() == 2);
        assertThat(bodies(hook).get(1).get("event").asString()).isEqualTo("resolved");
    }

    private static Void together(CyclicBarrier start, Runnable work) throws Exception {
        start.await();
        work.run();
        return null;
    }
}
