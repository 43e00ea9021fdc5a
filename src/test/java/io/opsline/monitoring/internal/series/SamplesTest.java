package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.nagios.PerfData;
import io.opsline.monitoring.internal.nagios.PerfDatum;

class SamplesTest {

    private static final CheckDefinition CHECK = new CheckDefinition(UUID.randomUUID(), UUID.randomUUID(), "ping",
            CheckType.PING, Map.of(), 60, 10, 3, 5000, true, Instant.EPOCH, Instant.EPOCH, 1);
    private static final Instant STARTED = Instant.parse("2024-05-01T12:00:00.123456Z");

    private static CheckResult result(String perfData, Duration duration) {
        return new CheckResult(ServiceState.OK, "PING OK", "", PerfData.parse(perfData).data(), STARTED, duration);
    }

    @Test
    void keepsEveryValueInItsBaseUnitAndHowLongTheCheckTook() {
        var samples = Samples.of(CHECK, result("rta=0.250ms;200;500;0 pl=0%;20;60;0;100 'disk used'=1.5GB size=512KiB"
                + " procs=42", Duration.ofMillis(1250)));

        assertThat(samples).containsExactly(
                new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "rta", "s", STARTED, 0.00025),
                new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "pl", "%", STARTED, 0.0),
                new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "disk used", "B", STARTED, 1.5e9),
                new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "size", "B", STARTED, 524288.0),
                new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "procs", "", STARTED, 42.0),
                new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), Samples.DURATION, "s", STARTED, 1.25));
    }

    @Test
    void leavesOutValuesThePluginCouldNotDetermineOrThatAreNoFiniteNumber() {
        var samples = Samples.of(CHECK, result("load1=U load5=1e999 load15=0.5", Duration.ofMillis(8)));

        assertThat(samples).extracting(Sample::label).containsExactly("load15", Samples.DURATION);
    }

    @Test
    void aDurationTheCheckMeasuredItselfIsTheOneKept() {
        var samples = Samples.of(CHECK, result("duration=3500ms", Duration.ofMillis(3600)));

        assertThat(samples).containsExactly(new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), Samples.DURATION, "s", STARTED, 3.5));
    }

    @Test
    void cutsLabelsLongerThanAHundredCharacters() {
        var label = "x".repeat(150);
        var result = new CheckResult(ServiceState.OK, "", "", List.of(new PerfDatum(label, 1.0, "c", null, null, null,
                null)), STARTED, Duration.ZERO);

        assertThat(Samples.of(CHECK, result).getFirst().label()).isEqualTo("x".repeat(Sample.MAX_LABEL));
    }

    @Test
    void aSampleRefusesWhatTheTableCannotHold() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "", "s", STARTED, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "x".repeat(101), "s", STARTED, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "a", "x".repeat(11), STARTED, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "a", "s", STARTED, Double.NaN));
    }

    @Test
    void aResponseTimeTheCheckMeasuredStandsForItsDuration() {
        var samples = Samples.of(CHECK, result("time=0.004000s;;;0.000000;10.000000", Duration.ofMillis(5)));
        assertThat(samples).containsExactly(new Sample(CHECK.id(), CHECK.name(), CHECK.ciId(), "time", "s", STARTED, 0.004));
    }
}
