package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.request.ServiceRequest.FieldValue;

/** A service request with the names of who it refers to and its tasks, as the desk's pages and API show it. */
public record RequestView(UUID id, String reference, Named type, Named requester, String openedBy, RequestState state,
        List<RequestState> nextStates, Named approver, Named approverTeam, String decidedBy, Instant decidedAt,
        String decisionComment, Named team, List<FieldValue> values, List<TaskView> tasks, Instant createdAt,
        Instant updatedAt, Instant fulfilledAt, Instant closedAt, long version) {

    /** A fulfilment task with its team's and assignee's names. */
    public record TaskView(UUID id, String title, Named team, Named assignee, TaskState state, String doneBy,
            Instant doneAt, long version) {
    }
}
