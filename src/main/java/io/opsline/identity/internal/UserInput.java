package io.opsline.identity.internal;

import java.util.List;

/**
 * What a client sends to create or change a user. Strings rather than types, so every bad value
 * comes back as a named field violation instead of a parse error.
 */
public record UserInput(String username, String displayName, String email, String role, Boolean enabled,
        String password, List<String> teams, Long version) {
}
