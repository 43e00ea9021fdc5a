package io.opsline.identity.internal;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.opsline.identity.Role;
import io.opsline.platform.ForbiddenException;

/** The signed-in user behind the current request, and the role they act with right now. */
@Component
public class CurrentUser {

    private final UserRepository users;

    CurrentUser(UserRepository users) {
        this.users = users;
    }

    public UserAccount require() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            throw new ForbiddenException("Not signed in");
        }
        return users.findByUsername(authentication.getName())
                .orElseThrow(() -> new ForbiddenException("The signed-in user no longer exists"));
    }

    /** The role of this request: a token's role may be narrower than its user's. */
    public Role actingRole() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiTokenAuthentication token) {
            return token.role();
        }
        return authentication == null ? Role.VIEWER : authentication.getAuthorities().stream()
                .map(a -> Role.fromAuthority(a.getAuthority()))
                .flatMap(java.util.Optional::stream)
                .findFirst().orElse(Role.VIEWER);
    }
}
