package io.opsline.servicedesk.internal.problem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.internal.TicketNumbers;

/**
 * A problem as stored: the cause behind incidents, with the CIs it concerns and the incidents it
 * explains. {@code workaround} is what the desk does meanwhile; it is required to be a known error.
 */
public record Problem(UUID id, long number, String title, String description, ProblemState state, String rootCause,
        String workaround, UUID teamId, UUID assigneeId, String openedBy, Instant createdAt, Instant updatedAt,
        Instant knownErrorAt, Instant resolvedAt, Instant closedAt, long version, List<UUID> ciIds,
        List<UUID> incidentIds) {


    public Problem {
        ciIds = List.copyOf(ciIds);
        incidentIds = List.copyOf(incidentIds);
    }

    /** How people name it: PRB-000123. */
    public String reference() {
        return TicketNumbers.PROBLEMS.format(number);
    }

    /** The number in a reference such as "PRB-000123" or "prb-123"; -1 when the text is not one. */
    static long parseReference(String text) {
        return TicketNumbers.PROBLEMS.parse(text);
    }

    /** A copy holding these fields, one version on, changed at {@code now}; the links are kept. */
    Problem with(String title, String description, ProblemState state, String rootCause, String workaround,
            UUID teamId, UUID assigneeId, Instant knownErrorAt, Instant resolvedAt, Instant closedAt,
            List<UUID> ciIds, Instant now) {
        return new Problem(id, number, title, description, state, rootCause, workaround, teamId, assigneeId, openedBy,
                createdAt, now, knownErrorAt, resolvedAt, closedAt, version + 1, ciIds, incidentIds);
    }
}
