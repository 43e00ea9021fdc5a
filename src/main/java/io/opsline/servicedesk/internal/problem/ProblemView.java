package io.opsline.servicedesk.internal.problem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.IncidentView.Named;

/** A problem with the names of who and what it refers to, as lists, pages and the API show it. */
public record ProblemView(UUID id, String reference, String title, String description, ProblemState state,
        List<ProblemState> nextStates, String rootCause, String workaround, Named team, Named assignee,
        List<Named> cis, List<LinkedIncident> incidents, String openedBy, Instant createdAt, Instant updatedAt,
        Instant knownErrorAt, Instant resolvedAt, Instant closedAt, long version) {

    /** An incident the problem explains. */
    public record LinkedIncident(UUID id, String reference, String title, IncidentState state, Priority priority) {
    }
}
