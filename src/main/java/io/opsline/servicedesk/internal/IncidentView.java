package io.opsline.servicedesk.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;

/** An incident with the names of who and what it refers to, as lists, pages and the API show it. */
public record IncidentView(UUID id, String reference, String title, String description, Named caller,
        String openedBy, OpenedThrough openedThrough, String category, Level impact, Level urgency, Priority priority,
        boolean major, IncidentState state, List<IncidentState> nextStates, HoldReason holdReason,
        ResolutionCode resolutionCode, String resolutionNotes, Named team, Named assignee, Named customer,
        List<Named> cis, List<Named> services, Instant startedAt, Instant createdAt, Instant updatedAt,
        Instant respondedAt, Instant resolvedAt, Instant closedAt, long version) {

    /** Something referred to by id, with the name to show; the name is null when it no longer exists. */
    public record Named(UUID id, String name) {
    }
}
