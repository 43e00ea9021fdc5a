package io.opsline.alerting.suppress;

import static io.opsline.alerting.suppress.SuppressionFixtures.matcher;
import static io.opsline.alerting.suppress.SuppressionFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.AlertChange;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.ApiCalls;
import io.opsline.monitoring.CaughtEvents;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Silences suppress matching alerts, old and new, until they end; then nobody has missed anything. */
@OpslineIntegrationTest
class SilenceIT {

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
    ApplicationContext context;

    ApiCalls api;
    SuppressionFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        fixtures = new SuppressionFixtures(intake, alerts);
    }

    private static Map<String, Object> silence(List<Map<String, Object>> matchers, Instant endsAt, String comment) {
        var body = new HashMap<String, Object>();
        body.put("matchers", matchers);
        body.put("endsAt", endsAt.toString());
        body.put("comment", comment);
        return body;
    }

    private JsonNode create(Map<String, Object> body) {
        var result = api.post(accounts.operator().token(), "/api/v1/silences", body);
        assertThat(result).hasStatus(201);
        return api.body(result);
    }

    @Test
    void aSilenceSuppressesMatchingAlertsOldAndNewAndExpiringItMakesThemFireAgain() {
        var source = source();
        var disk = fixtures.trigger(source, "disk", Severity.CRITICAL, Map.of("alertname", "DiskFull", "team", "db"));
        var cpu = fixtures.trigger(source, "cpu", Severity.CRITICAL, Map.of("alertname", "CpuHigh", "team", "db"));
        var other = fixtures.trigger(source, "web", Severity.CRITICAL, Map.of("alertname", "DiskFull", "team", "web"));
        // Acknowledged before the silence: it is to come back acknowledged.
        alerts.acknowledge(cpu.id(), "someone");

        try (var fired = CaughtEvents.of(context, AlertFired.class)) {
            var created = create(silence(List.of(matcher("source", "=", source), matcher("team", "=", "db")),
                    Instant.now().plus(2, ChronoUnit.HOURS), "database migration"));
            var id = created.get("silence").get("id").asString();
            assertThat(created.get("matchingOpenAlerts").asLong()).isEqualTo(2);
            assertThat(created.get("silence").get("state").asString()).isEqualTo("ACTIVE");
            assertThat(created.get("silence").get("createdBy").asString()).isEqualTo(accounts.operator().username());

            assertThat(fixtures.get(disk.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
            assertThat(fixtures.get(disk.id()).suppressedBy()).isEqualTo("silence:" + id);
            assertThat(fixtures.get(cpu.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
            assertThat(fixtures.get(other.id()).status()).isEqualTo(AlertStatus.FIRING);
            var shown = api.body(api.get(accounts.viewer().token(), "/api/v1/alerts/" + disk.id()));
            assertThat(shown.get("suppressedBy").asString()).isEqualTo("silence:" + id);

            // A new alert that matches opens suppressed, and nobody is paged for it; repeats only count.
            var fresh = fixtures.trigger(source, "mem", Severity.ERROR, Map.of("alertname", "MemLow", "team", "db"));
            assertThat(fresh.status()).isEqualTo(AlertStatus.SUPPRESSED);
            assertThat(fresh.suppressedBy()).isEqualTo("silence:" + id);
            fixtures.trigger(source, "mem", Severity.ERROR, Map.of("alertname", "MemLow", "team", "db"));
            assertThat(fixtures.get(fresh.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
            assertThat(fixtures.get(fresh.id()).occurrences()).isEqualTo(2);
            assertThat(fired.matching(e -> e.alertId().equals(fresh.id()))).isEmpty();

            var expired = api.post(accounts.operator().token(), "/api/v1/silences/" + id + "/expire", null);
            assertThat(expired).hasStatusOk();
            assertThat(api.body(expired).get("state").asString()).isEqualTo("EXPIRED");

            assertThat(fixtures.get(disk.id()).status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fixtures.get(disk.id()).suppressedBy()).isNull();
            assertThat(fixtures.get(cpu.id()).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(fixtures.get(fresh.id()).status()).isEqualTo(AlertStatus.FIRING);
            assertThat(fired.matching(e -> e.alertId().equals(fresh.id()) || e.alertId().equals(disk.id())))
                    .hasSize(2);
            assertThat(fired.matching(e -> e.alertId().equals(other.id()))).isEmpty();
        }
        assertThat(fixtures.timeline(disk.id())).containsExactly(AlertChange.Kind.OPENED,
                AlertChange.Kind.SUPPRESSED, AlertChange.Kind.UNSUPPRESSED);
        var audit = api.body(api.get(accounts.admin().token(), "/api/v1/audit?entityType=silence"));
        assertThat(audit.get("items").valueStream().map(r -> r.get("action").asString()))
                .contains("silence.create", "silence.expire");
    }

    @Test
    void regularExpressionsMatchWholeValuesAndNegativeMatchersExclude() {
        var source = source();
        var api1 = fixtures.trigger(source, "a", Severity.WARNING, Map.of("instance", "api-1.example.com"));
        var api12 = fixtures.trigger(source, "b", Severity.WARNING, Map.of("instance", "xapi-12.example.com"));
        var canary = fixtures.trigger(source, "c", Severity.WARNING, Map.of("instance", "api-7.example.com",
                "stage", "canary"));
        var noInstance = fixtures.trigger(source, "d", Severity.WARNING, Map.of("job", "api"));

        var created = create(silence(List.of(matcher("source", "=", source),
                matcher("instance", "=~", "api-[0-9]+\\.example\\.com"), matcher("stage", "!~", "canary|beta")),
                Instant.now().plus(1, ChronoUnit.HOURS), "api rollout"));

        assertThat(created.get("matchingOpenAlerts").asLong()).isEqualTo(1);
        assertThat(fixtures.get(api1.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
        // Anchored: "xapi-12" does not match as "api-12" would inside it.
        assertThat(fixtures.get(api12.id()).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fixtures.get(canary.id()).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fixtures.get(noInstance.id()).status()).isEqualTo(AlertStatus.FIRING);

        // The pseudo-label severity is Opsline's, in lower case.
        var bySeverity = create(silence(List.of(matcher("source", "=", source), matcher("severity", "=", "warning"),
                matcher("job", "!=", "")), Instant.now().plus(1, ChronoUnit.HOURS), "api job"));
        assertThat(bySeverity.get("matchingOpenAlerts").asLong()).isEqualTo(1);
        assertThat(fixtures.get(noInstance.id()).status()).isEqualTo(AlertStatus.SUPPRESSED);
    }

    @Test
    void aPendingSilenceSuppressesNothingYetAndIsListedAsPending() {
        var source = source();
        var alert = fixtures.trigger(source, "k", Severity.CRITICAL, Map.of("alertname", "Later"));
        var body = silence(List.of(matcher("source", "=", source)), Instant.now().plus(3, ChronoUnit.HOURS),
                "tonight's window");
        body.put("startsAt", Instant.now().plus(2, ChronoUnit.HOURS).toString());
        var created = create(body);
        var id = created.get("silence").get("id").asString();

        assertThat(created.get("silence").get("state").asString()).isEqualTo("PENDING");
        assertThat(fixtures.get(alert.id()).status()).isEqualTo(AlertStatus.FIRING);
        var pending = api.body(api.get(accounts.viewer().token(), "/api/v1/silences?state=pending"));
        assertThat(pending.valueStream().map(s -> s.get("id").asString())).contains(id);
        var active = api.body(api.get(accounts.viewer().token(), "/api/v1/silences?state=active"));
        assertThat(active.valueStream().map(s -> s.get("id").asString())).doesNotContain(id);
        assertThat(api.get(accounts.viewer().token(), "/api/v1/silences?state=sleeping")).hasStatus(422);

        // Changing it needs the version it was read at; a stale one is a conflict.
        var change = silence(List.of(matcher("source", "=", source)), Instant.now().plus(4, ChronoUnit.HOURS),
                "tonight's window, longer");
        change.put("version", 0);
        var updated = api.put(accounts.operator().token(), "/api/v1/silences/" + id, change);
        assertThat(updated).hasStatusOk();
        assertThat(api.body(updated).get("silence").get("version").asInt()).isEqualTo(1);
        assertThat(api.put(accounts.operator().token(), "/api/v1/silences/" + id, change)).hasStatus(409);
        assertThat(api.get(accounts.viewer().token(), "/api/v1/silences/" + UUID.randomUUID())).hasStatus(404);
    }

    @Test
    void badSilencesAreRefusedNamingWhatIsWrong() {
        var later = Instant.now().plus(1, ChronoUnit.HOURS);
        var badRegex = api.post(accounts.operator().token(), "/api/v1/silences",
                silence(List.of(matcher("instance", "=~", "api-(1")), later, "x"));
        assertThat(badRegex).hasStatus(422);
        assertThat(api.fields(badRegex)).containsExactly("matchers[0].value");
        assertThat(api.body(badRegex).toString()).contains("instance=~api-(1");

        var unknownOperator = api.post(accounts.operator().token(), "/api/v1/silences",
                silence(List.of(matcher("instance", "==", "a")), later, "x"));
        assertThat(api.fields(unknownOperator)).containsExactly("matchers[0].operator");

        var backwards = silence(List.of(matcher("instance", "=", "a")), later, "x");
        backwards.put("startsAt", later.plus(1, ChronoUnit.HOURS).toString());
        assertThat(api.fields(api.post(accounts.operator().token(), "/api/v1/silences", backwards)))
                .containsExactly("endsAt");

        var noComment = api.post(accounts.operator().token(), "/api/v1/silences",
                silence(List.of(matcher("instance", "=", "a")), later, " "));
        assertThat(noComment).hasStatus(422);
        assertThat(api.fields(noComment)).containsExactly("comment");

        var tooLong = api.post(accounts.operator().token(), "/api/v1/silences",
                silence(List.of(matcher("instance", "=", "a")), Instant.now().plus(400, ChronoUnit.DAYS), "x"));
        assertThat(api.fields(tooLong)).containsExactly("endsAt");

        var everything = api.post(accounts.operator().token(), "/api/v1/silences",
                silence(List.of(matcher("instance", "=~", ".*")), later, "x"));
        assertThat(api.fields(everything)).containsExactly("matchers");

        var nothing = api.post(accounts.operator().token(), "/api/v1/silences", Map.of());
        assertThat(api.fields(nothing)).containsExactlyInAnyOrder("matchers", "endsAt", "comment");
    }
}
