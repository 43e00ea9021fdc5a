package io.opsline.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.identity.Role;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.series.CheckMetrics;
import io.opsline.monitoring.internal.state.CheckStatus;
import io.opsline.monitoring.internal.state.StateTransition;
import io.opsline.monitoring.internal.nagios.PerfData;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * The engine's writer stores news at once and routine results together once per flush interval,
 * in the order they happened, also when a check was deleted while it ran.
 */
@OpslineIntegrationTest
class StateWriterIT {

    @Autowired
    ChangeStore store;
    @Autowired
    CheckDefinitions definitions;
    @Autowired
    CheckRepository checks;
    @Autowired
    CheckStateRepository states;
    @Autowired
    CheckMetrics samples;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private Change result(UUID checkId, Instant at) {
        return result(checkId, at, "TCP OK", 0.002);
    }

    /** A routine result: the check was OK and still is. */
    private Change result(UUID checkId, Instant at, String output, double seconds) {
        var check = checks.findById(checkId).orElseThrow();
        var state = CheckState.initial(checkId, at, at.plusSeconds(60));
        var result = new CheckResult(ServiceState.OK, output, "", PerfData.parse("time=" + seconds + "s").data(), at,
                Duration.ofMillis(2));
        return new Change(check, new CheckState(checkId, state.status(), result, at.plusSeconds(60),
                state.recentStates(), false, 0, null, null), StateTransition.Kind.NONE, List.of(), List.of());
    }

    /** News: the check went CRITICAL (a first soft attempt), which goes into its history. */
    private Change problem(UUID checkId, Instant at, String output) {
        var check = checks.findById(checkId).orElseThrow();
        var status = new CheckStatus<>(ServiceState.CRITICAL, StateType.SOFT, 1, at, null, ServiceState.OK);
        var result = new CheckResult(ServiceState.CRITICAL, output, "", PerfData.parse("time=9s").data(), at,
                Duration.ofSeconds(9));
        var entry = HistoryEntry.of(check.ciId(), checkId, at, HistoryKind.SOFT_STATE, "CRITICAL", "SOFT", 1, output,
                null);
        return new Change(check, new CheckState(checkId, status, result, at.plusSeconds(10), "C", false, 0, null,
                null), StateTransition.Kind.SOFT_CHANGE, List.of(entry), List.of());
    }

    private long samplesOf(UUID checkId, Instant from) {
        return samples.query(checkId, "time", from, from.plusSeconds(3600), 1).stream()
                .mapToLong(series -> series.points().getFirst().count()).sum();
    }

    @Test
    void routineResultsWaitForTheFlushIntervalAndKeepOnlyEachChecksLatestStateButEveryMeasurement() {
        var ci = new CiFixtures(cis, relationships).create("server", "writer-" + UUID.randomUUID());
        var check = tcpCheck(ci.id(), "routine");
        var at = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        var writer = new StateWriter(store, 60_000);
        writer.start();
        for (int i = 0; i < 5; i++) {
            writer.add(result(check, at.plusSeconds(2 * i), "TCP OK " + i, 0.001 * (i + 1)));
        }
        assertThat(writer.unsaved()).isEqualTo(5);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> states.findById(check).map(s -> s.lastResult() == null).orElse(true));

        writer.flush();

        assertThat(writer.unsaved()).isZero();
        assertThat(states.findById(check)).hasValueSatisfying(s -> assertThat(s.lastResult().output())
                .isEqualTo("TCP OK 4"));
        assertThat(samplesOf(check, at)).isEqualTo(5);
        writer.close(Duration.ofSeconds(10));
    }

    @Test
    void newsIsWrittenAtOnceAndInOrderWithTheRoutineResultsAroundIt() {
        var ci = new CiFixtures(cis, relationships).create("server", "writer-" + UUID.randomUUID());
        var failing = tcpCheck(ci.id(), "failing");
        var recovering = tcpCheck(ci.id(), "recovering");
        var at = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        var writer = new StateWriter(store, 60_000);
        writer.start();
        // A routine result, then news of the same check: the news is the check's state.
        writer.add(result(failing, at, "TCP OK", 0.001));
        writer.add(problem(failing, at.plusSeconds(2), "connection refused"));
        // News, then a routine result of the same check: the routine result, newer, is its state in the end.
        writer.add(problem(recovering, at, "connection refused"));
        writer.add(result(recovering, at.plusSeconds(2), "TCP OK again", 0.001));

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(states.findById(failing)).hasValueSatisfying(s -> assertThat(s.lastResult().output())
                    .isEqualTo("connection refused"));
            assertThat(states.findById(recovering)).hasValueSatisfying(s -> assertThat(s.lastResult().output())
                    .isEqualTo("connection refused"));
        });
        assertThat(writer.unsaved()).isEqualTo(1);

        writer.close(Duration.ofSeconds(10));

        assertThat(states.findById(failing)).hasValueSatisfying(s -> assertThat(s.status().state())
                .isEqualTo(ServiceState.CRITICAL));
        assertThat(states.findById(recovering)).hasValueSatisfying(s -> assertThat(s.lastResult().output())
                .isEqualTo("TCP OK again"));
        assertThat(samplesOf(failing, at)).isEqualTo(2);
        assertThat(samplesOf(recovering, at)).isEqualTo(2);
    }

    private UUID tcpCheck(UUID ciId, String name) {
        return TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                ciId.toString(), name, "tcp", Map.of("host", "127.0.0.1", "port", 9), 60, 60, 3, 5.0, true, null))).id();
    }

    @Test
    void aBatchWithAResultOfACheckDeletedWhileItRanStoresTheOthers() {
        var ci = new CiFixtures(cis, relationships).create("server", "writer-" + UUID.randomUUID());
        var kept = tcpCheck(ci.id(), "kept");
        var deleted = tcpCheck(ci.id(), "deleted");
        var at = Instant.now().minusSeconds(5);
        var batch = List.of(result(kept, at), result(deleted, at));
        TestAccounts.actingAs("operator", Role.OPERATOR, () -> {
            definitions.delete(deleted);
            return null;
        });

        var writer = new StateWriter(store, 50);
        writer.start();
        batch.forEach(writer::add);
        writer.close(Duration.ofSeconds(10));

        assertThat(writer.unsaved()).isZero();
        assertThat(states.findById(kept)).hasValueSatisfying(s -> assertThat(s.lastResult().output()).isEqualTo("TCP OK"));
        assertThat(states.findById(deleted)).isEmpty();
        assertThat(samples.labels(kept)).contains("time");
    }
}
