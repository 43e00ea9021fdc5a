package io.opsline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Alerts and integrations over REST: what people see and do, and what bad input gets. */
@OpslineIntegrationTest
class AlertApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private String firingAlert(String source) {
        intake.accept(List.of(new Event(source, "k", EventAction.TRIGGER, Severity.CRITICAL, "db-1 is down",
                Map.of("alertname", "HostDown"), null, null, Instant.now(), null)));
        var page = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=" + source));
        assertThat(page.get("total").asLong()).isEqualTo(1);
        return page.get("items").get(0).get("id").asString();
    }

    @Test
    void anOperatorAcknowledgesAndResolvesAnAlertAndTheTimelineSaysWho() {
        var source = "api-" + UUID.randomUUID();
        var id = firingAlert(source);

        var acknowledged = api().post(accounts.operator().token(), "/api/v1/alerts/" + id + "/acknowledge", null);
        assertThat(acknowledged).hasStatusOk();
        assertThat(api().body(acknowledged).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        var resolved = api().post(accounts.operator().token(), "/api/v1/alerts/" + id + "/resolve", null);
        assertThat(api().body(resolved).get("status").asString()).isEqualTo("RESOLVED");

        var timeline = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts/" + id + "/timeline"));
        assertThat(timeline.valueStream().map(c -> c.get("kind").asString()).toList())
                .containsExactly("OPENED", "ACKNOWLEDGED", "RESOLVED");
        assertThat(timeline.get(1).get("actor").asString()).isEqualTo(accounts.operator().username());
        // Resolved is final: acknowledging it now is a conflict, not a silent change.
        assertThat(api().post(accounts.operator().token(), "/api/v1/alerts/" + id + "/acknowledge", null))
                .hasStatus(409);
        assertThat(api().get(accounts.viewer().token(), "/api/v1/alerts/" + UUID.randomUUID())).hasStatus(404);
        assertThat(api().get(accounts.viewer().token(), "/api/v1/alerts?status=BURNING")).hasStatus(400);
    }

    @Test
    void anIntegrationsKeyIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        var name = "alertmanager-" + UUID.randomUUID();
        var created = api().post(accounts.admin().token(), "/api/v1/alert-integrations",
                Map.of("name", name, "kind", "alertmanager", "fingerprintFields", List.of("alertname", "instance")));
        assertThat(created).hasStatus(201);
        var body = api().body(created);
        var id = body.get("integration").get("id").asString();
        var key = body.get("key").asString();
        assertThat(key).startsWith("opi_").hasSizeGreaterThan(40);

        var listed = api().get(accounts.admin().token(), "/api/v1/alert-integrations").getResponse()
                .getContentAsString();
        assertThat(listed).contains(name).doesNotContain(key);
        var rotated = api().body(api().post(accounts.admin().token(), "/api/v1/alert-integrations/" + id + "/key", null));
        assertThat(rotated.get("key").asString()).isNotEqualTo(key);

        assertThat(api().post(accounts.admin().token(), "/api/v1/alert-integrations",
                Map.of("name", name.toUpperCase(), "kind", "generic"))).hasStatus(409);
        assertThat(api().fields(api().post(accounts.admin().token(), "/api/v1/alert-integrations",
                Map.of("name", "", "kind", "smoke-signals")))).containsExactlyInAnyOrder("name", "kind");
        assertThat(api().delete(accounts.admin().token(), "/api/v1/alert-integrations/" + id)).hasStatus(204);
        assertThat(api().get(accounts.admin().token(), "/api/v1/alert-integrations/" + id)).hasStatus(404);
    }
}
