package io.opsline.identity.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.opsline.identity.Role;

/** A request authenticated by an API token, acting for the token's user with the token's role. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final UUID userId;
    private final String username;
    private final UUID tokenId;
    private final String tokenName;
    private final String tokenPrefix;
    private final Role role;

    ApiTokenAuthentication(UUID userId, String username, UUID tokenId, String tokenName, String tokenPrefix, Role role) {
        super(List.of(new SimpleGrantedAuthority(role.authority())));
        this.userId = userId;
        this.username = username;
        this.tokenId = tokenId;
        this.tokenName = tokenName;
        this.tokenPrefix = tokenPrefix;
        this.role = role;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    public UUID userId() {
        return userId;
    }

    public UUID tokenId() {
        return tokenId;
    }

    public Role role() {
        return role;
    }

    String credentialLabel() {
        return "token '%s' (%s…)".formatted(tokenName, tokenPrefix);
    }
}
