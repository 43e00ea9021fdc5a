package io.opsline.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.monitoring.internal.state.CheckStatus;
import io.opsline.testing.OpslineIntegrationTest;

@OpslineIntegrationTest
class CheckStateRepositoryIT {

    /** Both engines keep microseconds. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired
    CheckRepository checks;
    @Autowired
    CheckStateRepository states;

    private UUID newCheck() {
        var id = UUID.randomUUID();
        checks.insert(new CheckDefinition(id, UUID.randomUUID(), "tcp-" + id, CheckType.TCP, Map.of("port", 22), 60,
                30, 3, 10_000, true, NOW, NOW, 1));
        return id;
    }

    @Test
    void keepsANewCheckAsAssumedFineAndDue() {
        var id = newCheck();
        var initial = CheckState.initial(id, NOW, NOW.plusSeconds(17));
        states.saveAll(List.of(initial));
        assertThat(states.findById(id)).contains(initial);
    }

    @Test
    void replacesAStateWithTheNextOneWholly() {
        var id = newCheck();
        states.saveAll(List.of(CheckState.initial(id, NOW, NOW)));
        var perf = List.of(new PerfDatum("time", 0.012, "s", ThresholdRange.parse("0:0.5"), ThresholdRange.parse("~:1"),
                0.0, 10.0), new PerfDatum("load1", null, "", null, null, null, null));
        var result = new CheckResult(ServiceState.CRITICAL, "TCP CRITICAL - Connection refused", "more\nlines", perf,
                NOW.minusSeconds(1), Duration.ofMillis(12));
        var status = new CheckStatus<>(ServiceState.CRITICAL, StateType.SOFT, 2, NOW.minusSeconds(61), null,
                ServiceState.OK);
        var next = new CheckState(id, status, result, NOW.plusSeconds(30), "OOOCC", true, 31.25,
                new CounterSample(1.5e12, NOW.minusSeconds(1)));
        states.saveAll(List.of(next));
        assertThat(states.findById(id)).contains(next);
    }

    @Test
    void writesThousandsAtOnce() {
        var many = new ArrayList<CheckState>();
        for (int i = 0; i < 1200; i++) {
            many.add(CheckState.initial(newCheck(), NOW, NOW.plusSeconds(i)));
        }
        states.saveAll(many);
        var stored = states.findAll();
        assertThat(stored).containsAll(many);
    }

    @Test
    void aDeletedCheckTakesItsStateWithIt() {
        var id = newCheck();
        states.saveAll(List.of(CheckState.initial(id, NOW, NOW)));
        checks.delete(id);
        assertThat(states.findById(id)).isEmpty();
    }

    @Test
    void recentStatesKeepTheLastTwentyOne() {
        var recent = "";
        for (int i = 0; i < 30; i++) {
            recent = CheckState.withResult(recent, i % 2 == 0 ? ServiceState.OK : ServiceState.CRITICAL);
        }
        assertThat(recent).hasSize(21).startsWith("CO").endsWith("OC");
        var state = new CheckState(UUID.randomUUID(), CheckStatus.initial(ServiceState.OK, NOW), null, NOW, "OWCU",
                false, 0, null);
        assertThat(state.recent()).containsExactly(ServiceState.OK, ServiceState.WARNING, ServiceState.CRITICAL,
                ServiceState.UNKNOWN);
    }
}
