package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.UUID;

/** A piece of work that fulfils a request (a catalogue task): done by a member of its team. */
public record RequestTask(UUID id, UUID requestId, int position, String title, UUID teamId, UUID assigneeId,
        TaskState state, String doneBy, Instant doneAt, long version) {
}
