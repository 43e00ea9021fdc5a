package io.opsline.monitoring.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.opsline.monitoring.CheckStateChanged;
import io.opsline.monitoring.FlappingChanged;
import io.opsline.monitoring.ProblemCauseChanged;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CounterSample;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.state.FlapDetector;
import io.opsline.monitoring.internal.state.StateMachine;
import io.opsline.monitoring.internal.state.StateTransition.Kind;

/**
 * Turns a check's result into its next state, the same way for results the engine produced and
 * results sent in: soft and hard states, flap detection, and whether a new problem is the
 * consequence of a parent's outage.
 */
public final class Evaluation {

    /** What the evaluation needs to know about the world beyond the check. */
    public interface Circumstances {

        /** The CI that is down and makes this CI unreachable, or null if none of its parents is down. */
        UUID causeOf(UUID ciId);

        boolean inDowntime(UUID ciId, UUID checkId, Instant at);
    }

    private final FlapDetector flaps;
    private final Circumstances circumstances;

    public Evaluation(FlapDetector flaps, Circumstances circumstances) {
        this.flaps = flaps;
        this.circumstances = circumstances;
    }

    /**
     * @param counter the counter reading to keep for the next run of a rate check; null if none
     * @param nextCheck when the check is due next
     */
    public Change apply(CheckDefinition check, CheckState before, CheckResult result, CounterSample counter,
            Instant nextCheck) {
        var at = result.startedAt();
        var transition = StateMachine.next(before.status(), result.state(), check.maxAttempts(), at);
        var status = transition.status();
        var recentStates = CheckState.withResult(before.recentStates(), result.state());
        var recent = CheckState.recent(recentStates);
        var percent = FlapDetector.percentStateChange(recent);
        var flapping = flaps.isFlapping(recent, before.flapping());
        var causedBy = before.causedBy();
        if (transition.kind() == Kind.HARD_CHANGE) {
            causedBy = status.state().isProblem() ? circumstances.causeOf(check.ciId()) : null;
        }
        var history = new ArrayList<HistoryEntry>(2);
        var events = new ArrayList<Object>(2);
        if (transition.kind() == Kind.NONE && status.type() == StateType.HARD && status.state().isProblem()) {
            // A parent confirmed down after this problem was, or back up while it lasts.
            causedBy = circumstances.causeOf(check.ciId());
            if (!Objects.equals(causedBy, before.causedBy())) {
                history.add(HistoryEntry.of(check.ciId(), check.id(), at, HistoryKind.CAUSE_CHANGED,
                        status.state().name(), status.type().name(), status.attempt(), result.output(), causedBy));
                events.add(new ProblemCauseChanged(check.id(), check.ciId(), check.name(), status.state(), causedBy,
                        before.causedBy(), at));
            }
        }
        switch (transition.kind()) {
            case HARD_CHANGE -> {
                history.add(HistoryEntry.of(check.ciId(), check.id(), at, HistoryKind.HARD_STATE,
                        status.state().name(), status.type().name(), status.attempt(), result.output(), causedBy));
                events.add(new CheckStateChanged(check.id(), check.ciId(), check.name(), status.state(),
                        before.status().lastHardState(), status.attempt(), result.output(), at, causedBy,
                        circumstances.inDowntime(check.ciId(), check.id(), at), flapping));
            }
            case SOFT_CHANGE, SOFT_RECOVERY -> history.add(HistoryEntry.of(check.ciId(), check.id(), at,
                    HistoryKind.SOFT_STATE, status.state().name(), status.type().name(), status.attempt(),
                    result.output(), null));
            case NONE -> {
            }
        }
        if (flapping != before.flapping()) {
            history.add(HistoryEntry.of(check.ciId(), check.id(), at,
                    flapping ? HistoryKind.FLAPPING_STARTED : HistoryKind.FLAPPING_STOPPED, status.state().name(),
                    null, null, "%.1f%% state change".formatted(percent), null));
            events.add(new FlappingChanged(check.id(), check.ciId(), check.name(), flapping, percent, at));
        }
        var state = new CheckState(check.id(), status, result, nextCheck, recentStates, flapping, percent, counter,
                causedBy);
        return new Change(check, state, transition.kind(), List.copyOf(history), List.copyOf(events));
    }
}
