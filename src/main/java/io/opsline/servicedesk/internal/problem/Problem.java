package io.opsline.servicedesk.internal.problem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A problem as stored: the cause behind incidents, with the CIs it concerns and the incidents it
 * explains. {@code workaround} is what the desk does meanwhile; it is required to be a known error.
 */
public record Problem(UUID id, long number, String title, String description, ProblemState state, String rootCause,
        String workaround, UUID teamId, UUID assigneeId, String openedBy, Instant createdAt, Instant updatedAt,
        Instant knownErrorAt, Instant resolvedAt, Instant closedAt, long version, List<UUID> ciIds,
        List<UUID> incidentIds) {

    private static final String PREFIX = "PRB-";

    public Problem {
        ciIds = List.copyOf(ciIds);
        incidentIds = List.copyOf(incidentIds);
    }

    /** How people name it: PRB-000123. */
    public String reference() {
        return PREFIX + String.format("%06d", number);
    }

    /** The number in a reference such as "PRB-000123" or "prb-123"; -1 when the text is not one. */
    static long parseReference(String text) {
        if (text == null || text.length() <= PREFIX.length() || !text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return -1;
        }
        try {
            var number = Long.parseLong(text.substring(PREFIX.length()));
            return number > 0 ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A copy holding these fields, one version on, changed at {@code now}; the links are kept. */
    Problem with(String title, String description, ProblemState state, String rootCause, String workaround,
            UUID teamId, UUID assigneeId, Instant knownErrorAt, Instant resolvedAt, Instant closedAt,
            List<UUID> ciIds, Instant now) {
        return new Problem(id, number, title, description, state, rootCause, workaround, teamId, assigneeId, openedBy,
                createdAt, now, knownErrorAt, resolvedAt, closedAt, version + 1, ciIds, incidentIds);
    }
}
