package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.UUID;

/** One line of a request's timeline; the requester sees only those {@code visibleToRequester}. */
public record RequestEntry(UUID id, UUID requestId, Instant at, RequestEntryKind kind, String actor,
        boolean visibleToRequester, String body, String from, String to) {
}
