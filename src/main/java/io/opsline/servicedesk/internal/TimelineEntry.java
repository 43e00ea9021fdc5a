package io.opsline.servicedesk.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an incident's timeline. {@code visibleToCaller} is false for work notes and for what
 * only the desk needs to see; {@code from}/{@code to} hold what a change changed.
 */
public record TimelineEntry(UUID id, UUID incidentId, Instant at, EntryKind kind, String actor,
        boolean visibleToCaller, String body, String from, String to) {
}
