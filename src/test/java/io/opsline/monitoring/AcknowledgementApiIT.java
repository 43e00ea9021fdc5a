package io.opsline.monitoring;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class AcknowledgementApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CheckStateRepository states;
    @Autowired
    HistoryRepository history;
    @Autowired
    Acknowledgements acknowledgements;
    @Autowired
    ApplicationContext context;

    ApiCalls api;
    MonitoringFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        fixtures = new MonitoringFixtures(mvc, json, accounts, states);
    }

    private String operator() {
        return accounts.operator().token();
    }

    private UUID checkIn(ServiceState state) {
        var check = fixtures.check(fixtures.ci(unique("srv")), "disk");
        if (state != null) {
            fixtures.putInState(check, state);
        }
        return check;
    }

    private static String uri(UUID check) {
        return "/api/v1/checks/" + check + "/acknowledgement";
    }

    private List<HistoryKind> historyKinds(UUID check) {
        return history.findByCheck(check, 10).stream().map(HistoryEntry::kind).toList();
    }

    @Test
    void refusesToAcknowledgeACheckThatHasNoProblem() {
        for (var check : List.of(checkIn(ServiceState.OK), checkIn(null))) {
            var result = api.put(operator(), uri(check), Map.of("comment", "mine"));
            assertThat(result).hasStatus(409);
            assertThat(api.body(result).get("detail").asString()).contains("is OK: there is no problem to acknowledge");
            assertThat(api.get(accounts.viewer().token(), uri(check))).hasStatus(404);
        }
    }

    @Test
    void acknowledgesAProblemAndRemovesTheAcknowledgementByHand() {
        var check = checkIn(ServiceState.CRITICAL);
        var expires = Instant.now().plus(4, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (var announced = CaughtEvents.of(context, ProblemAcknowledged.class)) {
            var result = api.put(operator(), uri(check), Map.of("comment", "Replacing the disk", "sticky", true,
                    "expiresAt", expires.toString()));
            assertThat(result).hasStatusOk();
            var acknowledgement = api.body(result);
            assertThat(acknowledgement.get("author").asString()).isEqualTo(accounts.operator().username());
            assertThat(acknowledgement.get("state").asString()).isEqualTo("critical");
            assertThat(acknowledgement.get("sticky").asBoolean()).isTrue();
            assertThat(Instant.parse(acknowledgement.get("expiresAt").asString())).isEqualTo(expires);
            assertThat(announced.matching(e -> e.checkId().equals(check))).singleElement().satisfies(e -> {
                assertThat(e.checkName()).isEqualTo("disk");
                assertThat(e.comment()).isEqualTo("Replacing the disk");
                assertThat(e.sticky()).isTrue();
            });
        }
        var read = api.get(accounts.viewer().token(), uri(check));
        assertThat(read).hasStatusOk();
        assertThat(api.body(read).get("comment").asString()).isEqualTo("Replacing the disk");
        assertThat(acknowledgements.active(check)).isPresent();
        assertThat(acknowledgements.activeFor(List.of(check, UUID.randomUUID()))).containsOnlyKeys(check);
        assertThat(historyKinds(check)).containsExactly(HistoryKind.ACKNOWLEDGED);

        assertThat(api.delete(operator(), uri(check))).hasStatus(204);
        assertThat(api.get(accounts.viewer().token(), uri(check))).hasStatus(404);
        assertThat(acknowledgements.active(check)).isEmpty();
        assertThat(historyKinds(check)).containsExactly(HistoryKind.ACKNOWLEDGEMENT_REMOVED, HistoryKind.ACKNOWLEDGED);
        assertThat(history.findByCheck(check, 1).getFirst().author()).isEqualTo(accounts.operator().username());
        assertThat(api.delete(operator(), uri(check))).hasStatus(404);

        var audit = api.get(accounts.admin().token(), "/api/v1/audit?entityType=check&entityId=" + check);
        assertThat(api.body(audit).get("items").valueStream().map(r -> r.get("action").asString()))
                .contains("check.acknowledge", "check.unacknowledge");
    }

    @Test
    void aNewAcknowledgementReplacesTheOldOne() {
        var check = checkIn(ServiceState.WARNING);
        assertThat(api.put(operator(), uri(check), Map.of("comment", "first look"))).hasStatusOk();
        var second = api.put(accounts.admin().token(), uri(check), Map.of("comment", "taking over"));
        assertThat(second).hasStatusOk();
        assertThat(api.body(api.get(accounts.viewer().token(), uri(check))).get("author").asString())
                .isEqualTo(accounts.admin().username());
        // The replaced one's removal and the new one are recorded at the same instant.
        assertThat(historyKinds(check)).containsExactlyInAnyOrder(HistoryKind.ACKNOWLEDGED,
                HistoryKind.ACKNOWLEDGEMENT_REMOVED, HistoryKind.ACKNOWLEDGED);
    }

    @Test
    void namesWhatIsWrongWithAnAcknowledgement() {
        var check = checkIn(ServiceState.CRITICAL);
        var empty = api.put(operator(), uri(check), Map.of());
        assertThat(empty).hasStatus(422);
        assertThat(api.fields(empty)).containsExactly("comment");
        var past = api.put(operator(), uri(check), Map.of("comment", "x", "expiresAt", "2020-01-01T00:00:00Z"));
        assertThat(api.fields(past)).containsExactly("expiresAt");
        var unreadable = api.put(operator(), uri(check), Map.of("comment", "x", "expiresAt", "soon"));
        assertThat(api.fields(unreadable)).containsExactly("expiresAt");
        assertThat(api.put(operator(), uri(UUID.randomUUID()), Map.of("comment", "x"))).hasStatus(404);
    }

    @Test
    void acknowledgesWhatItCanInBulkAndSaysWhyNotForTheRest() {
        var critical = checkIn(ServiceState.CRITICAL);
        var unknown = checkIn(ServiceState.UNKNOWN);
        var taken = checkIn(ServiceState.WARNING);
        var fine = checkIn(ServiceState.OK);
        var gone = UUID.randomUUID();
        assertThat(api.put(accounts.admin().token(), uri(taken), Map.of("comment", "mine"))).hasStatusOk();

        var result = api.post(operator(), "/api/v1/acknowledgements", Map.of("checkIds",
                List.of(critical.toString(), unknown.toString(), taken.toString(), fine.toString(), gone.toString(),
                        "not-an-id", critical.toString()),
                "comment", "Network outage, working on it"));
        assertThat(result).hasStatusOk();
        var body = api.body(result);
        assertThat(body.get("acknowledged").asInt()).isEqualTo(2);
        var outcomes = body.get("results").valueStream().toList();
        assertThat(outcomes).extracting(o -> o.get("checkId").asString()).containsExactly(critical.toString(),
                unknown.toString(), taken.toString(), fine.toString(), gone.toString(), "not-an-id");
        assertThat(outcomes).extracting(o -> o.get("acknowledged").asBoolean())
                .containsExactly(true, true, false, false, false, false);
        assertThat(outcomes.get(0).get("reason").isNull()).isTrue();
        assertThat(reason(outcomes, 2)).contains("already acknowledged by " + accounts.admin().username());
        assertThat(reason(outcomes, 3)).contains("OK");
        assertThat(reason(outcomes, 4)).contains("no check");
        assertThat(reason(outcomes, 5)).contains("not a check id");

        assertThat(acknowledgements.activeFor(List.of(critical, unknown, taken, fine)))
                .containsOnlyKeys(critical, unknown, taken);
        assertThat(acknowledgements.active(taken).orElseThrow().author()).isEqualTo(accounts.admin().username());
    }

    @Test
    void refusesABulkAcknowledgementWithoutChecksOrComment() {
        var result = api.post(operator(), "/api/v1/acknowledgements", Map.of());
        assertThat(result).hasStatus(422);
        assertThat(api.fields(result)).containsExactlyInAnyOrder("checkIds", "comment");
    }

    private static String reason(List<JsonNode> outcomes, int index) {
        return outcomes.get(index).get("reason").asString();
    }
}
