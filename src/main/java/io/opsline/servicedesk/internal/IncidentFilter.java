package io.opsline.servicedesk.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;

/**
 * Which incidents a list shows; null or empty means "any". {@code text} matches the title or the
 * reference. {@code callerId} also scopes a requester to their own tickets.
 */
public record IncidentFilter(Set<IncidentState> states, Set<Priority> priorities, UUID teamId, UUID assigneeId,
        UUID callerId, UUID customerId, UUID serviceId, UUID ciId, Boolean major, String text, Instant openedFrom,
        Instant openedTo, Sort sort) {

    public IncidentFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        sort = sort == null ? Sort.PRIORITY : sort;
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public static IncidentFilter all() {
        return new IncidentFilter(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public IncidentFilter forCaller(UUID caller) {
        return new IncidentFilter(states, priorities, teamId, assigneeId, caller, customerId, serviceId, ciId, major,
                text, openedFrom, openedTo, sort);
    }

    /** How a list is ordered. */
    public enum Sort implements io.opsline.platform.Choice {
        /** Open ones first, then the most urgent, then the oldest: the work queue. */
        PRIORITY,
        /** Newest first. */
        NEWEST,
        /** Last changed first. */
        UPDATED
    }
}
