package io.opsline.servicedesk.internal.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post-incident review as stored: one per incident. {@code factors} are the contributing factors in
 * the order written; {@code excerpt} the lines of the timeline excerpt as chosen.
 */
public record Review(UUID id, UUID incidentId, ReviewState state, String summary, String impact, String rootCause,
        List<String> factors, String lessons, List<ExcerptItem> excerpt, String startedBy, Instant createdAt,
        Instant updatedAt, Instant publishedAt, long version) {

    public Review {
        factors = List.copyOf(factors);
        excerpt = List.copyOf(excerpt);
    }

    /**
     * One line of the excerpt: a line of the incident's timeline ({@code entryId}), or something that
     * happened outside Opsline ({@code at} and {@code body}).
     */
    public record ExcerptItem(UUID entryId, Instant at, String body) {
    }

    /** A copy holding these fields, one version on, changed at {@code now}. */
    Review with(ReviewState state, String summary, String impact, String rootCause, List<String> factors,
            String lessons, List<ExcerptItem> excerpt, Instant publishedAt, Instant now) {
        return new Review(id, incidentId, state, summary, impact, rootCause, factors, lessons, excerpt, startedBy,
                createdAt, now, publishedAt, version + 1);
    }
}
