package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.internal.TicketNumbers;

/**
 * A service request as stored. The approver, team and field labels are copied from its type when it
 * is opened; {@code values} are in the order of the type's fields, only those given.
 */
public record ServiceRequest(UUID id, long number, UUID typeId, String typeName, UUID requesterId, String openedBy,
        RequestState state, UUID approverId, UUID approverTeamId, String decidedBy, Instant decidedAt,
        String decisionComment, UUID teamId, Instant createdAt, Instant updatedAt, Instant fulfilledAt,
        Instant closedAt, long version, List<FieldValue> values) {

    public ServiceRequest {
        values = List.copyOf(values);
    }

    /** One answer on the request's form, with the label the field had when it was given. */
    public record FieldValue(String key, String label, String value) {
    }

    /** How people name it: REQ-000123. */
    public String reference() {
        return TicketNumbers.REQUESTS.format(number);
    }

    /** The number in a reference such as "REQ-000123" or "req-123"; -1 when the text is not one. */
    static long parseReference(String text) {
        return TicketNumbers.REQUESTS.parse(text);
    }

    ServiceRequest moved(RequestState to, Instant now) {
        return new ServiceRequest(id, number, typeId, typeName, requesterId, openedBy, to, approverId, approverTeamId,
                decidedBy, decidedAt, decisionComment, teamId, createdAt, now, to == RequestState.FULFILLED ? now
                        : fulfilledAt, to == RequestState.CLOSED ? now : closedAt, version + 1, values);
    }

    ServiceRequest decided(RequestState to, String by, String comment, Instant now) {
        return new ServiceRequest(id, number, typeId, typeName, requesterId, openedBy, to, approverId, approverTeamId,
                by, now, comment, teamId, createdAt, now, fulfilledAt, closedAt, version + 1, values);
    }
}
