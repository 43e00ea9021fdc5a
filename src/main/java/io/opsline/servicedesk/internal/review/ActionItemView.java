package io.opsline.servicedesk.internal.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.opsline.servicedesk.internal.IncidentView.Named;

/** An action item with its owner's name and its incident's reference; {@code overdue} when open past its day. */
public record ActionItemView(UUID id, String incident, String incidentTitle, String title, Named owner,
        LocalDate due, boolean overdue, ActionState state, Instant doneAt, String doneBy, long version) {
}
