package io.opsline.servicedesk.internal.problem;

import java.time.Instant;
import java.util.UUID;

import io.opsline.platform.Choice;

/** A line in a problem's timeline; {@code from} and {@code to} hold what a change changed. */
public record ProblemEntry(UUID id, UUID problemId, Instant at, Kind kind, String actor, String body, String from,
        String to) {

    public enum Kind implements Choice {
        CREATED, STATE, CHANGE, COMMENT, INCIDENT_LINKED, INCIDENT_UNLINKED
    }
}
