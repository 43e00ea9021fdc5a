package io.opsline.identity.internal;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never its secret. */
public record TokenView(UUID id, String name, String prefix, String role, String owner, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt, Instant revokedAt, boolean active) {
}
