package io.opsline.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as shown by the API, the admin pages and audit snapshots: never the password hash. */
public record UserView(UUID id, String username, String displayName, String email, String role, boolean enabled,
        List<String> teams, Instant createdAt, Instant updatedAt, long version) {

    static UserView of(UserAccount user, List<String> teams) {
        return new UserView(user.id(), user.username(), user.displayName(), user.email(), user.role().key(),
                user.enabled(), teams, user.createdAt(), user.updatedAt(), user.version());
    }
}
