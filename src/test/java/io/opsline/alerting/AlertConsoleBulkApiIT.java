package io.opsline.alerting;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.ApiCalls;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Acknowledging and resolving many alerts in one REST request: per-alert outcomes, limits, who may. */
@OpslineIntegrationTest
class AlertConsoleBulkApiIT {

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

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    @Test
    void acknowledgesAndResolvesSeveralAlertsAndSaysWhatCameOfEach() {
        var source = unique("bulk");
        var first = raise(source, "a");
        var second = raise(source, "b");
        var done = raise(source, "c");
        alerts.resolve(done, "alice");
        var gone = UUID.randomUUID();

        var acknowledged = api().post(accounts.operator().token(), "/api/v1/alerts/acknowledge",
                Map.of("ids", List.of(first, second, second, done, gone)));

        assertThat(acknowledged).hasStatusOk();
        var body = api().body(acknowledged);
        assertThat(body.get("changed").asLong()).isEqualTo(2);
        assertThat(body.get("results").valueStream().map(r -> r.get("alertId").asString() + " "
                + r.get("outcome").asString()).toList()).as("once per alert, in the order asked")
                .containsExactly(first + " ACKNOWLEDGED", second + " ACKNOWLEDGED", done + " ALREADY_RESOLVED",
                        gone + " NOT_FOUND");
        assertThat(alerts.get(first).acknowledgedBy()).isEqualTo(accounts.operator().username());
        var audit = api().body(api().get(accounts.admin().token(), "/api/v1/audit?entityId=" + second));
        assertThat(audit.get("items").get(0).get("action").asString()).isEqualTo("alert.acknowledge");

        var again = api().body(api().post(accounts.operator().token(), "/api/v1/alerts/acknowledge",
                Map.of("ids", List.of(first))));
        assertThat(again.get("changed").asLong()).isZero();
        assertThat(again.get("results").get(0).get("outcome").asString()).isEqualTo("ALREADY_ACKNOWLEDGED");

        var resolved = api().body(api().post(accounts.admin().token(), "/api/v1/alerts/resolve",
                Map.of("ids", List.of(first, done))));
        assertThat(resolved.get("changed").asLong()).isEqualTo(1);
        assertThat(resolved.get("results").get(1).get("outcome").asString()).isEqualTo("ALREADY_RESOLVED");
        assertThat(alerts.get(first).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alerts.timeline(first)).extracting(c -> c.kind().name())
                .containsExactly("OPENED", "ACKNOWLEDGED", "RESOLVED");
    }

    @Test
    void refusesNoIdsTooManyIdsAndWhatIsNoIdWithoutChangingAnything() {
        var source = unique("bulk");
        var firing = raise(source, "a");
        var token = accounts.operator().token();

        assertThat(api().fields(api().post(token, "/api/v1/alerts/acknowledge", Map.of()))).containsExactly("ids");
        assertThat(api().fields(api().post(token, "/api/v1/alerts/resolve", Map.of("ids", List.of()))))
                .containsExactly("ids");
        var many = new ArrayList<String>();
        for (int i = 0; i <= Alerts.MAX_BULK; i++) {
            many.add(UUID.randomUUID().toString());
        }
        many.set(0, firing.toString());
        var tooMany = api().post(token, "/api/v1/alerts/acknowledge", Map.of("ids", many));
        assertThat(tooMany).hasStatus(422);
        assertThat(api().fields(tooMany)).containsExactly("ids");
        var notIds = api().post(token, "/api/v1/alerts/resolve",
                Map.of("ids", List.of(firing.toString(), "web01", "")));
        assertThat(notIds).hasStatus(422);
        assertThat(api().fields(notIds)).containsExactly("ids[1]", "ids[2]");
        assertThat(alerts.get(firing).status()).isEqualTo(AlertStatus.FIRING);

        assertThat(api().post(token, "/api/v1/alerts/acknowledge", Map.of("ids", List.of(Alerts.MAX_BULK))))
                .as("a number where ids belong").hasStatus4xxClientError();
        assertThat(api().post(accounts.viewer().token(), "/api/v1/alerts/acknowledge",
                Map.of("ids", List.of(firing)))).hasStatus(403);
        assertThat(api().post(accounts.viewer().token(), "/api/v1/alerts/resolve",
                Map.of("ids", List.of(firing)))).hasStatus(403);
        assertThat(alerts.get(firing).status()).isEqualTo(AlertStatus.FIRING);
    }

    private UUID raise(String source, String key) {
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, Severity.CRITICAL, "problem " + key,
                Map.of(), null, null, Instant.now(), null)));
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 10)).items()
                .stream().filter(a -> a.dedupKey().equals(key)).findFirst().orElseThrow().id();
    }
}
