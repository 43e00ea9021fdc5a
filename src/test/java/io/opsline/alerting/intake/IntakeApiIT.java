package io.opsline.alerting.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** The intake's HTTP doors: keys, formats, limits, and what a sender is told. */
@OpslineIntegrationTest
class IntakeApiIT {

    private static final String EVENTS = "/api/v1/intake/events";
    private static final String ALERTMANAGER = "/api/v1/intake/alertmanager";
    private static final String PAGERDUTY = "/api/v1/intake/pagerduty/v2/enqueue";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    private IntakeClient client() {
        return new IntakeClient(mvc, json, accounts);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void genericEventsSentWithTheIntegrationsKeyBecomeAlertsNamedAfterIt() {
        var client = client();
        var door = client.integration(unique("script"), "generic");

        var sent = client.send(EVENTS, door.key(), """
                {"events": [
                  {"dedupKey": "db01/disk", "severity": "critical", "summary": "Disk / is 97% full"},
                  {"dedupKey": "db01/disk", "severity": "critical", "summary": "Disk / is 98% full"},
                  {"dedupKey": "db02/disk", "severity": "warning", "summary": "Disk / is 85% full"}
                ]}""");

        assertThat(sent).hasStatus(202);
        assertThat(client.body(sent).get("accepted").asInt()).isEqualTo(3);
        var alerts = client.alerts(door.name());
        assertThat(alerts.get("total").asLong()).isEqualTo(2);
        assertThat(client.traffic(door).get("accepted").asLong()).isEqualTo(3);
        assertThat(client.traffic(door).get("lastEventAt").isNull()).isFalse();
    }

    /** A batch opening hundreds of groups is announced in pieces small enough to be stored on either database. */
    @Test
    void aRequestOpeningHundredsOfAlertsStoresEveryOne() {
        var client = client();
        var door = client.integration(unique("flood"), "generic");
        var events = new StringBuilder("{\"events\": [");
        for (var i = 0; i < 300; i++) {
            events.append(i == 0 ? "" : ",").append("{\"dedupKey\": \"host-").append(i)
                    .append("/down\", \"severity\": \"critical\", \"summary\": \"host-").append(i)
                    .append(" is not answering its checks, and has not since the rack lost power\"}");
        }

        var sent = client.send(EVENTS, door.key(), events.append("]}").toString());

        assertThat(sent).hasStatus(202);
        assertThat(client.alerts(door.name()).get("total").asLong()).isEqualTo(300);
    }

    @Test
    void aMissingUnknownOrReplacedKeyIsRefusedWith401AndStoresNothing() {
        var client = client();
        var door = client.integration(unique("script"), "generic");
        var event = """
                {"severity": "critical", "summary": "should not be stored"}""";

        for (var key : new String[] {null, "opi_unknownunknownunknownunknownunknown1234", "not-even-a-key",
                accounts.admin().token()}) {
            var refused = client.send(EVENTS, key, event);
            assertThat(refused).as("key %s", key).hasStatus(401);
            assertThat(refused.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        var rotated = client.api().body(client.api().post(accounts.admin().token(),
                "/api/v1/alert-integrations/" + door.id() + "/key", null));
        assertThat(client.send(EVENTS, door.key(), event)).hasStatus(401);
        assertThat(client.send(EVENTS, rotated.get("key").asString(), event)).hasStatus(202);
        assertThat(client.alerts(door.name()).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aKeyOpensOnlyItsOwnIntegrationsDoorAndTheRefusalSaysWhichOneItIs() {
        var client = client();
        var door = client.integration(unique("am"), "alertmanager");

        var refused = client.send(EVENTS, door.key(), """
                {"severity": "critical", "summary": "wrong door"}""");

        assertThat(refused).hasStatus(403);
        assertThat(client.body(refused).get("detail").asString()).contains(ALERTMANAGER);
    }

    @Test
    void aBodyOverTheLimitGets413AndIsCountedWithoutBeingRead() {
        var client = client();
        var door = client.integration(unique("script"), "generic");
        var huge = "{\"severity\": \"critical\", \"summary\": \"" + "x".repeat(1_100_000) + "\"}";

        var refused = client.send(EVENTS, door.key(), huge);

        assertThat(refused).hasStatus(413);
        assertThat(client.body(refused).get("type").asString()).isEqualTo("urn:opsline:problem:payload-too-large");
        assertThat(client.traffic(door).get("tooLarge").asLong()).isEqualTo(1);
        assertThat(client.alerts(door.name()).get("total").asLong()).isZero();
    }

    @Test
    void aMalformedBodyGets422NamingTheFieldAndStoresNothingOfTheRequest() throws Exception {
        var client = client();
        var door = client.integration(unique("script"), "generic");

        var refused = client.send(EVENTS, door.key(), """
                {"events": [
                  {"severity": "critical", "summary": "fine"},
                  {"severity": "apocalyptic", "summary": "not fine"}
                ]}""");

        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentAsString()).contains("events[1].severity");
        assertThat(client.traffic(door).get("invalid").asLong()).isEqualTo(1);
        assertThat(client.alerts(door.name()).get("total").asLong()).isZero();
        assertThat(client.send(EVENTS, door.key(), "not json")).hasStatus(422);
    }

    @Test
    void alertmanagersWebhookFiresAndResolvesByTheAlertsFingerprint() {
        var client = client();
        var door = client.integration(unique("am"), "alertmanager");
        var payload = """
                {"version": "4", "status": "%s", "receiver": "opsline", "groupKey": "{}:{alertname=\\"HighLoad\\"}",
                 "alerts": [{"status": "%s", "fingerprint": "c0ffee", "labels": {"alertname": "HighLoad",
                   "instance": "web-1:9100", "severity": "critical"}, "annotations": {"summary": "Load is 12"},
                   "startsAt": "2026-11-22T10:00:00Z", "endsAt": "%s"}]}""";

        assertThat(client.send(ALERTMANAGER, door.key(),
                payload.formatted("firing", "firing", "0001-01-01T00:00:00Z"))).hasStatus(202);
        assertThat(client.send(ALERTMANAGER, door.key(),
                payload.formatted("firing", "firing", "0001-01-01T00:00:00Z"))).hasStatus(202);
        var firing = client.alerts(door.name()).get("items").get(0);
        assertThat(firing.get("status").asString()).isEqualTo("FIRING");
        assertThat(firing.get("occurrences").asLong()).isEqualTo(2);
        assertThat(firing.get("summary").asString()).isEqualTo("Load is 12");

        assertThat(client.send(ALERTMANAGER, door.key(),
                payload.formatted("resolved", "resolved", "2026-11-22T10:05:00Z"))).hasStatus(202);
        var resolved = client.alerts(door.name());
        assertThat(resolved.get("total").asLong()).isEqualTo(1);
        assertThat(resolved.get("items").get(0).get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void thePagerDutyDoorAnswersAsPagerDutyDoesAndFollowsTriggerAcknowledgeResolve() throws Exception {
        var client = client();
        var door = client.integration(unique("pd"), "pagerduty");
        var event = """
                {"routing_key": "%s", "event_action": "%s", "dedup_key": "disk-db01",
                 "payload": {"summary": "Disk full on db01", "source": "db01", "severity": "critical"}}""";

        var triggered = client.send(PAGERDUTY, null, event.formatted(door.key(), "trigger"));
        assertThat(triggered).hasStatus(202);
        assertThat(client.body(triggered).get("status").asString()).isEqualTo("success");
        assertThat(client.body(triggered).get("dedup_key").asString()).isEqualTo("disk-db01");
        assertThat(client.send(PAGERDUTY, null, event.formatted(door.key(), "acknowledge"))).hasStatus(202);
        assertThat(client.alerts(door.name()).get("items").get(0).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(client.send(PAGERDUTY, null, event.formatted(door.key(), "resolve"))).hasStatus(202);
        assertThat(client.alerts(door.name()).get("items").get(0).get("status").asString()).isEqualTo("RESOLVED");

        var invalid = client.send(PAGERDUTY, null, """
                {"routing_key": "%s", "event_action": "trigger", "payload": {"source": "db01", "severity": "bad"}}"""
                .formatted(door.key()));
        assertThat(invalid).hasStatus(400);
        assertThat(client.body(invalid).get("status").asString()).isEqualTo("invalid event");
        assertThat(invalid.getResponse().getContentAsString()).contains("'payload.summary' is missing or blank");

        var unknown = client.send(PAGERDUTY, null, event.formatted("opi_nobodysnobodysnobodysnobodysnobody12", "trigger"));
        assertThat(unknown).hasStatus(401);
        assertThat(client.send(PAGERDUTY, null, "{}")).hasStatus(401);
        assertThat(client.alerts(door.name()).get("total").asLong()).isEqualTo(1);
    }
}
