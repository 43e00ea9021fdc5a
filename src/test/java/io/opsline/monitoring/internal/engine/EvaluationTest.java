package io.opsline.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.CheckStateChanged;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.FlappingChanged;
import io.opsline.monitoring.ProblemCauseChanged;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.state.FlapDetector;

class EvaluationTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final UUID parent = UUID.randomUUID();
    private final CheckDefinition check = new CheckDefinition(UUID.randomUUID(), UUID.randomUUID(), "http",
            CheckType.HTTP, Map.of(), 60, 10, 3, 5000, true, T0, T0, 1);

    private UUID cause;
    private boolean downtime;
    private final Evaluation evaluation = new Evaluation(new FlapDetector(20, 30), new Evaluation.Circumstances() {
        @Override
        public UUID causeOf(UUID ciId) {
            return cause;
        }

        @Override
        public boolean inDowntime(UUID ciId, UUID checkId, Instant at) {
            return downtime;
        }
    });

    private Change apply(CheckState before, ServiceState state, int second) {
        var at = T0.plusSeconds(second);
        return evaluation.apply(check, before, new CheckResult(state, state + " output", "", List.of(), at,
                Duration.ofMillis(5)), null, at.plusSeconds(60));
    }

    @Test
    void aProblemIsSoftUntilConfirmedThenAnnouncedOnceWithWhatCausedIt() {
        cause = parent;
        downtime = true;
        var state = CheckState.initial(check.id(), T0, T0);
        var first = apply(state, ServiceState.CRITICAL, 1);
        assertThat(first.state().status().type()).isEqualTo(StateType.SOFT);
        assertThat(first.history()).extracting(h -> h.kind()).containsExactly(HistoryKind.SOFT_STATE);
        assertThat(first.events()).isEmpty();
        assertThat(first.state().causedBy()).isNull();

        var second = apply(first.state(), ServiceState.CRITICAL, 2);
        var third = apply(second.state(), ServiceState.CRITICAL, 3);
        assertThat(third.isHardChange()).isTrue();
        assertThat(third.state().causedBy()).isEqualTo(parent);
        assertThat(third.events()).singleElement().isInstanceOfSatisfying(CheckStateChanged.class, e -> {
            assertThat(e.state()).isEqualTo(ServiceState.CRITICAL);
            assertThat(e.previousState()).isEqualTo(ServiceState.OK);
            assertThat(e.attempt()).isEqualTo(3);
            assertThat(e.causedByCiId()).isEqualTo(parent);
            assertThat(e.inDowntime()).isTrue();
        });

        var fourth = apply(third.state(), ServiceState.CRITICAL, 4);
        assertThat(fourth.isNews()).isFalse();

        cause = null;
        var recovered = apply(fourth.state(), ServiceState.OK, 5);
        assertThat(recovered.state().causedBy()).isNull();
        assertThat(recovered.events()).singleElement().isInstanceOfSatisfying(CheckStateChanged.class,
                e -> assertThat(e.previousState()).isEqualTo(ServiceState.CRITICAL));
    }

    @Test
    void aProblemConfirmedBeforeItsParentWentDownIsHandedToTheParentAndBackWhenItReturns() {
        var state = CheckState.initial(check.id(), T0, T0);
        for (int second = 1; second <= 3; second++) {
            state = apply(state, ServiceState.CRITICAL, second).state();
        }
        assertThat(state.status().type()).isEqualTo(StateType.HARD);
        assertThat(state.causedBy()).isNull();

        cause = parent;
        var handedOver = apply(state, ServiceState.CRITICAL, 4);
        assertThat(handedOver.state().causedBy()).isEqualTo(parent);
        assertThat(handedOver.isCauseChange()).isTrue();
        assertThat(handedOver.history()).extracting(h -> h.kind()).containsExactly(HistoryKind.CAUSE_CHANGED);
        assertThat(handedOver.events()).singleElement().isInstanceOfSatisfying(ProblemCauseChanged.class, e -> {
            assertThat(e.causedByCiId()).isEqualTo(parent);
            assertThat(e.previousCauseCiId()).isNull();
            assertThat(e.state()).isEqualTo(ServiceState.CRITICAL);
        });
        assertThat(apply(handedOver.state(), ServiceState.CRITICAL, 5).isNews()).isFalse();

        cause = null;
        var ownAgain = apply(handedOver.state(), ServiceState.CRITICAL, 6);
        assertThat(ownAgain.state().causedBy()).isNull();
        assertThat(ownAgain.events()).singleElement().isInstanceOfSatisfying(ProblemCauseChanged.class, e -> {
            assertThat(e.causedByCiId()).isNull();
            assertThat(e.previousCauseCiId()).isEqualTo(parent);
        });
    }

    @Test
    void aSoftProblemWaitsForItsConfirmationToBeGivenACause() {
        cause = parent;
        var soft = apply(CheckState.initial(check.id(), T0, T0), ServiceState.CRITICAL, 1);
        var stillSoft = apply(soft.state(), ServiceState.CRITICAL, 2);
        assertThat(stillSoft.state().causedBy()).isNull();
        assertThat(stillSoft.isCauseChange()).isFalse();
    }

    @Test
    void flappingStartsAndStopsOnceEachAndIsCarriedOnStateChanges() {
        var state = CheckState.initial(check.id(), T0, T0);
        var flapEvents = new java.util.ArrayList<FlappingChanged>();
        int second = 0;
        for (int i = 0; i < 20; i++) {
            var change = apply(state, i % 2 == 0 ? ServiceState.OK : ServiceState.WARNING, ++second);
            change.events().stream().filter(FlappingChanged.class::isInstance).map(FlappingChanged.class::cast)
                    .forEach(flapEvents::add);
            state = change.state();
        }
        assertThat(state.flapping()).isTrue();
        assertThat(flapEvents).singleElement().satisfies(e -> assertThat(e.flapping()).isTrue());
        for (int i = 0; i < 21; i++) {
            var change = apply(state, ServiceState.OK, ++second);
            change.events().stream().filter(FlappingChanged.class::isInstance).map(FlappingChanged.class::cast)
                    .forEach(flapEvents::add);
            state = change.state();
        }
        assertThat(state.flapping()).isFalse();
        assertThat(flapEvents).extracting(FlappingChanged::flapping).containsExactly(true, false);
    }
}
