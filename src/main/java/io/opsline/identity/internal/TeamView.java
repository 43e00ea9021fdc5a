package io.opsline.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team with its members' usernames. */
public record TeamView(UUID id, String name, String description, List<String> members, Instant createdAt,
        Instant updatedAt, long version) {
}
