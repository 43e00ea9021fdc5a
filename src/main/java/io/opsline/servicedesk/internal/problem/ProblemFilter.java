package io.opsline.servicedesk.internal.problem;

import java.util.Set;
import java.util.UUID;

/** What a problem list shows: any of {@code states} (all when empty), touching {@code ciId}, matching {@code text}. */
public record ProblemFilter(Set<ProblemState> states, UUID ciId, String text) {

    public ProblemFilter {
        states = Set.copyOf(states);
    }
}
