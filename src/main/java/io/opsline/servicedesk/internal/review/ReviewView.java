package io.opsline.servicedesk.internal.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;

/**
 * A review as pages and the API show it: with its incident, its excerpt read from the incident's
 * timeline, and its action items.
 */
public record ReviewView(UUID id, ReviewedIncident incident, ReviewState state, List<ReviewState> nextStates,
        String summary, String impact, String rootCause, List<String> factors, String lessons,
        List<ExcerptLine> excerpt, List<ActionItemView> actionItems, String startedBy, Instant createdAt,
        Instant updatedAt, Instant publishedAt, long version) {

    /** The incident a review is of. */
    public record ReviewedIncident(UUID id, String reference, String title, Priority priority, IncidentState state,
            Instant startedAt, Instant resolvedAt) {
    }

    /**
     * One line of the excerpt: from the timeline ({@code entryId}, its kind and actor) or a note written for
     * the review ({@code entryId} null, kind "Note").
     */
    public record ExcerptLine(Instant at, UUID entryId, String kind, String actor, String text) {
    }
}
