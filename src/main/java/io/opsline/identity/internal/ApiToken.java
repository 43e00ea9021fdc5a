package io.opsline.identity.internal;

import java.time.Instant;
import java.util.UUID;

import io.opsline.identity.Role;

/**
 * A credential for the REST API. Only a SHA-256 hash of the secret is stored; {@code prefix}
 * (the first characters of the secret) lets people tell their tokens apart.
 */
public record ApiToken(UUID id, UUID userId, String name, String prefix, Role role, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
