package io.opsline.identity.internal;

import java.time.Instant;
import java.util.UUID;

import io.opsline.identity.Role;

/** A person who signs in. The password hash never leaves this module. */
public record UserAccount(UUID id, String username, String displayName, String email, Role role, boolean enabled,
        String passwordHash, Instant createdAt, Instant updatedAt, long version) {
}
