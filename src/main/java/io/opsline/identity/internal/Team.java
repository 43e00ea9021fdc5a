package io.opsline.identity.internal;

import java.time.Instant;
import java.util.UUID;

/** A group of people who own things and take work together. */
public record Team(UUID id, String name, String description, Instant createdAt, Instant updatedAt, long version) {
}
