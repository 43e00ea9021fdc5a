package io.opsline.identity;

import java.util.UUID;

/** A user as other modules see them: who they are and how to reach them, never their credentials. */
public record Person(UUID id, String username, String displayName, String email, boolean enabled) {

    /** The name to show people: the display name, or the username when there is none. */
    public String name() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }
}
