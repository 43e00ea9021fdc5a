package io.opsline.identity.internal;

import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import io.opsline.platform.Violations;

/**
 * Password hashing (Argon2id, with the algorithm id stored in the hash so it can be changed
 * later without locking anyone out) and the password rules every path applies.
 */
@Component
public class Passwords {

    private final PasswordEncoder encoder;
    private final int minLength;

    Passwords(IdentityProperties properties) {
        this.encoder = new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
        this.minLength = properties.minPasswordLength();
    }

    public PasswordEncoder encoder() {
        return encoder;
    }

    public String hash(String raw) {
        return encoder.encode(raw);
    }

    public boolean matches(String raw, String hash) {
        return raw != null && encoder.matches(raw, hash);
    }

    /** Adds a violation to {@code violations} when the password breaks a rule. */
    public void check(String field, String password, String username, Violations violations) {
        if (password == null || password.isEmpty()) {
            violations.add(field, "is required");
        } else if (password.length() < minLength) {
            violations.add(field, "must be at least %d characters".formatted(minLength));
        } else if (password.length() > 200) {
            violations.add(field, "must be at most 200 characters");
        } else if (username != null && password.equalsIgnoreCase(username)) {
            violations.add(field, "must not be the same as the username");
        }
    }
}
