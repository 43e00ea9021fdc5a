package io.opsline.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import io.opsline.identity.Role;
import io.opsline.identity.internal.TokenInput;
import io.opsline.identity.internal.TokenManagement;
import io.opsline.identity.internal.UserInput;
import io.opsline.identity.internal.UserManagement;

/**
 * Real users with real API tokens, made through the same services the UI uses: one shared
 * account per role (made on first use), or fresh ones for tests that change them.
 */
@TestComponent
public class TestAccounts {

    /** A user, their password and an API token with their role. */
    public record Account(UUID id, String username, String password, Role role, String token) {

        public String bearer() {
            return "Bearer " + token;
        }
    }

    private final UserManagement users;
    private final TokenManagement tokens;
    private final Map<Role, Account> shared = new EnumMap<>(Role.class);

    TestAccounts(UserManagement users, TokenManagement tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    public synchronized Account of(Role role) {
        return shared.computeIfAbsent(role, this::fresh);
    }

    public Account admin() {
        return of(Role.ADMIN);
    }

    public Account operator() {
        return of(Role.OPERATOR);
    }

    public Account viewer() {
        return of(Role.VIEWER);
    }

    /** A new user of this role, with a token, that no other test uses. */
    public Account fresh(Role role) {
        var username = role.key() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var password = "pw-" + UUID.randomUUID();
        var user = users.create(new UserInput(username, null, null, role.key(), true, password, List.of(), null));
        var token = actingAs(username, role, () -> tokens.create(new TokenInput("test", role.key(), null)).secret());
        return new Account(user.id(), username, password, role, token);
    }

    /** Runs {@code work} with {@code username} signed in, as a UI session would be. */
    public static <T> T actingAs(String username, Role role, java.util.function.Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority(role.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
