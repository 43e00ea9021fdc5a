package io.opsline.monitoring.internal.state;

import static io.opsline.monitoring.ServiceState.CRITICAL;
import static io.opsline.monitoring.ServiceState.OK;
import static io.opsline.monitoring.ServiceState.UNKNOWN;
import static io.opsline.monitoring.ServiceState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.HostState;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.state.StateTransition.Kind;

class StateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Feeds results one a minute and keeps every transition. */
    private static List<StateTransition<ServiceState>> run(int maxAttempts, ServiceState... results) {
        var status = CheckStatus.initial(OK, T0);
        var transitions = new ArrayList<StateTransition<ServiceState>>();
        for (int i = 0; i < results.length; i++) {
            var t = StateMachine.next(status, results[i], maxAttempts, T0.plusSeconds(60L * (i + 1)));
            transitions.add(t);
            status = t.status();
        }
        return transitions;
    }

    @Test
    void raisesAHardProblemAfterThreeFailedAttempts() {
        var t = run(3, CRITICAL, CRITICAL, CRITICAL);
        assertThat(t).extracting(StateTransition::kind).containsExactly(Kind.SOFT_CHANGE, Kind.NONE, Kind.HARD_CHANGE);
        assertThat(t).extracting(x -> x.status().type()).containsExactly(StateType.SOFT, StateType.SOFT,
                StateType.HARD);
        assertThat(t).extracting(x -> x.status().attempt()).containsExactly(1, 2, 3);
        var hard = t.getLast().status();
        assertThat(hard.lastHardState()).isEqualTo(CRITICAL);
        assertThat(hard.lastHardChange()).isEqualTo(T0.plusSeconds(180));
        // The state itself changed at the first failure, not when it was confirmed.
        assertThat(hard.lastChange()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void retriesWhileSoftAndNotOnceHard() {
        var t = run(3, CRITICAL, CRITICAL, CRITICAL, CRITICAL);
        assertThat(t).extracting(x -> x.status().isRetrying()).containsExactly(true, true, false, false);
        assertThat(t.getLast().kind()).isEqualTo(Kind.NONE);
        assertThat(t.getLast().status().attempt()).isEqualTo(3);
    }

    @Test
    void aProblemThatGoesAwayBeforeItIsConfirmedIsASoftRecoveryNobodyHearsOf() {
        var t = run(3, WARNING, WARNING, OK);
        assertThat(t).extracting(StateTransition::kind).containsExactly(Kind.SOFT_CHANGE, Kind.NONE,
                Kind.SOFT_RECOVERY);
        var after = t.getLast().status();
        assertThat(after.type()).isEqualTo(StateType.HARD);
        assertThat(after.attempt()).isEqualTo(1);
        assertThat(after.lastHardState()).isEqualTo(OK);
        assertThat(after.lastHardChange()).isNull();
    }

    @Test
    void aRecoveryFromAHardProblemIsAHardChange() {
        var t = run(2, CRITICAL, CRITICAL, OK);
        assertThat(t.getLast().kind()).isEqualTo(Kind.HARD_CHANGE);
        assertThat(t.getLast().status().lastHardState()).isEqualTo(OK);
        assertThat(t.getLast().status().attempt()).isEqualTo(1);
    }

    @Test
    void aConfirmedProblemThatChangesIsANewHardChange() {
        var t = run(2, WARNING, WARNING, CRITICAL, CRITICAL);
        assertThat(t).extracting(StateTransition::kind).containsExactly(Kind.SOFT_CHANGE, Kind.HARD_CHANGE,
                Kind.HARD_CHANGE, Kind.NONE);
        assertThat(t.get(2).status().lastHardState()).isEqualTo(CRITICAL);
    }

    @Test
    void aProblemChangingWhileSoftKeepsCountingAttempts() {
        var t = run(3, WARNING, CRITICAL, UNKNOWN);
        assertThat(t).extracting(StateTransition::kind).containsExactly(Kind.SOFT_CHANGE, Kind.SOFT_CHANGE,
                Kind.HARD_CHANGE);
        assertThat(t.getLast().status().state()).isEqualTo(UNKNOWN);
    }

    @Test
    void withOneAttemptEveryProblemIsHardAtOnce() {
        var t = run(1, CRITICAL, OK);
        assertThat(t).extracting(StateTransition::kind).containsExactly(Kind.HARD_CHANGE, Kind.HARD_CHANGE);
    }

    @Test
    void okAfterOkChangesNothing() {
        var t = run(3, OK, OK);
        assertThat(t).extracting(StateTransition::kind).containsExactly(Kind.NONE, Kind.NONE);
        assertThat(t.getLast().status().lastChange()).isEqualTo(T0);
    }

    @Test
    void hostsFollowTheSameRules() {
        var status = CheckStatus.initial(HostState.UP, T0);
        var down = StateMachine.next(status, HostState.DOWN, 2, T0.plusSeconds(1));
        var confirmed = StateMachine.next(down.status(), HostState.DOWN, 2, T0.plusSeconds(2));
        assertThat(down.kind()).isEqualTo(Kind.SOFT_CHANGE);
        assertThat(confirmed.kind()).isEqualTo(Kind.HARD_CHANGE);
        assertThat(HostState.ofCheckResult(WARNING)).isEqualTo(HostState.UP);
        assertThat(HostState.ofCheckResult(UNKNOWN)).isEqualTo(HostState.DOWN);
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatIllegalArgumentException().isThrownBy(() -> StateMachine.next(CheckStatus.initial(OK, T0), OK, 0, T0));
    }
}
