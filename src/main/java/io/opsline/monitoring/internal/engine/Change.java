package io.opsline.monitoring.internal.engine;

import java.time.Instant;
import java.util.List;

import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.state.StateTransition;

/**
 * What one result did to a check: its new state, what to keep as history and what to announce.
 *
 * @param kind what the state machine made of the result
 * @param events module events to publish once the change is stored
 */
public record Change(CheckDefinition check, CheckState state, StateTransition.Kind kind, List<HistoryEntry> history,
        List<Object> events) {

    /** The same change, with the check due next at {@code at}. */
    public Change withNextCheck(Instant at) {
        return new Change(check, state.withNextCheck(at), kind, history, events);
    }

    /** Whether anything worth telling happened, so that the change is stored at once, not with the next batch. */
    public boolean isNews() {
        return !history.isEmpty() || !events.isEmpty();
    }

    public boolean isHardChange() {
        return kind == StateTransition.Kind.HARD_CHANGE;
    }

    /** Whether a confirmed problem's cause changed: a CI it depends on went down or came back. */
    public boolean isCauseChange() {
        return history.stream().anyMatch(h -> h.kind() == HistoryKind.CAUSE_CHANGED);
    }
}
