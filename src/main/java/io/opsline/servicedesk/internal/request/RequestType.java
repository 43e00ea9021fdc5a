package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Something people can request (a catalogue item): the form they fill in, who approves it (a person,
 * any member of a team, or nobody) and the tasks that fulfil it. Inactive types are no longer offered.
 */
public record RequestType(UUID id, String name, String description, UUID teamId, UUID approverId,
        UUID approverTeamId, boolean active, List<RequestField> fields, List<TaskTemplate> tasks, Instant createdAt,
        Instant updatedAt, long version) {

    public RequestType {
        fields = List.copyOf(fields);
        tasks = List.copyOf(tasks);
    }

    public boolean needsApproval() {
        return approverId != null || approverTeamId != null;
    }
}
