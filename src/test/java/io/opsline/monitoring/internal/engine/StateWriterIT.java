package io.opsline.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.identity.Role;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.series.SampleStore;
import io.opsline.monitoring.internal.state.StateTransition;
import io.opsline.monitoring.internal.nagios.PerfData;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/** The engine's writer stores results in batches, also when a check was deleted while it ran. */
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
    SampleStore samples;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private Change result(UUID checkId, Instant at) {
        var check = checks.findById(checkId).orElseThrow();
        var state = CheckState.initial(checkId, at, at.plusSeconds(60));
        var result = new CheckResult(ServiceState.OK, "TCP OK", "", PerfData.parse("time=0.002s").data(), at,
                Duration.ofMillis(2));
        return new Change(check, new CheckState(checkId, state.status(), result, at.plusSeconds(60),
                state.recentStates(), false, 0, null, null), StateTransition.Kind.NONE, List.of(), List.of());
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
