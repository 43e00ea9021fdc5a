package io.opsline.servicedesk.internal.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Something a review decided must be done, by one person by a day, tracked until it is done;
 * {@code incidentId} is the reviewed incident's.
 */
public record ActionItem(UUID id, UUID reviewId, UUID incidentId, String title, UUID ownerId, LocalDate due, ActionState state,
        String createdBy, Instant createdAt, Instant doneAt, String doneBy, long version) {

    /** A copy holding these fields, one version on. */
    ActionItem with(String title, UUID ownerId, LocalDate due, ActionState state, Instant doneAt, String doneBy) {
        return new ActionItem(id, reviewId, incidentId, title, ownerId, due, state, createdBy, createdAt, doneAt, doneBy,
                version + 1);
    }
}
