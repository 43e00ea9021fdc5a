package io.opsline.monitoring.internal.state;

import static io.opsline.monitoring.ServiceState.CRITICAL;
import static io.opsline.monitoring.ServiceState.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.ServiceState;

class FlapDetectorTest {

    private final FlapDetector detector = new FlapDetector(25, 30);

    private static List<ServiceState> alternating(int count) {
        var states = new ArrayList<ServiceState>();
        for (int i = 0; i < count; i++) {
            states.add(i % 2 == 0 ? OK : CRITICAL);
        }
        return states;
    }

    @Test
    void aStateThatChangesEveryTimeIsOneHundredPercent() {
        assertThat(FlapDetector.percentStateChange(alternating(21))).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aSteadyStateIsZero() {
        assertThat(FlapDetector.percentStateChange(Collections.nCopies(21, OK))).isZero();
    }

    @Test
    void recentChangesWeighMoreThanOldOnes() {
        var oldChange = new ArrayList<>(Collections.nCopies(21, OK));
        oldChange.set(0, CRITICAL);
        var newChange = new ArrayList<>(Collections.nCopies(21, OK));
        newChange.set(20, CRITICAL);
        // Nagios's weights: 0.75 for the oldest change, 1.25 for the newest, over 20 changes.
        assertThat(FlapDetector.percentStateChange(oldChange)).isCloseTo(3.75, within(1e-9));
        assertThat(FlapDetector.percentStateChange(newChange)).isCloseTo(6.25, within(1e-9));
    }

    @Test
    void onlyTheLastTwentyOneResultsCount() {
        var states = new ArrayList<>(alternating(40));
        states.addAll(Collections.nCopies(21, OK));
        assertThat(FlapDetector.percentStateChange(states)).isZero();
    }

    @Test
    void startsAtTheHighThresholdAndStopsOnlyBelowTheLowOne() {
        // Seven changes at the newest end: about 40%, above 30 → flapping.
        var states = new ArrayList<>(Collections.nCopies(14, OK));
        states.addAll(alternating(7).stream().map(s -> s == OK ? CRITICAL : OK).toList());
        assertThat(detector.isFlapping(states, false)).isTrue();
        // Settling down: while the percentage sits between 25 and 30 it stays flapping.
        var settling = new ArrayList<>(states);
        double percent;
        do {
            settling.add(OK);
            percent = FlapDetector.percentStateChange(settling);
        } while (percent >= 30);
        assertThat(percent).isGreaterThanOrEqualTo(25);
        assertThat(detector.isFlapping(settling, true)).isTrue();
        assertThat(detector.isFlapping(settling, false)).isFalse();
        while (FlapDetector.percentStateChange(settling) >= 25) {
            settling.add(OK);
        }
        assertThat(detector.isFlapping(settling, true)).isFalse();
    }

    @Test
    void refusesThresholdsThatCannotWork() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FlapDetector(40, 30));
        assertThatIllegalArgumentException().isThrownBy(() -> new FlapDetector(-1, 30));
        assertThatIllegalArgumentException().isThrownBy(() -> new FlapDetector(10, 101));
    }
}
