package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.internal.request.ServiceRequest.FieldValue;

/**
 * A request as its requester sees it: what they asked for, where it stands and the public timeline;
 * nothing of the desk's internal notes, tasks or people.
 */
public record PortalRequestView(UUID id, String reference, String type, RequestState state, boolean cancellable,
        List<FieldValue> values, String decisionComment, Instant decidedAt, Instant createdAt, Instant updatedAt,
        long version, List<RequestEntry> timeline) {
}
