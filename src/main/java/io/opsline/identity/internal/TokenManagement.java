package io.opsline.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.Role;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * API tokens: issued to the signed-in user with their role or a narrower one, shown once,
 * stored hashed, revocable. A token never acts above its user's current role, so demoting or
 * disabling a user takes effect on their tokens at once.
 */
@Service
public class TokenManagement {

    /** Last-use times are written at most this often per token. */
    private static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    TokenManagement(ApiTokenRepository tokens, UserRepository users, CurrentUser currentUser, AuditLog audit) {
        this.tokens = tokens;
        this.users = users;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @Transactional
    public CreatedToken create(TokenInput input) {
        var owner = currentUser.require();
        var acting = currentUser.actingRole();
        var violations = new Violations();
        var name = violations.required("name", input.name(), 100);
        Role role = acting;
        if (input.role() != null && !input.role().isBlank()) {
            role = Role.parse(input.role()).orElse(null);
            if (role == null) {
                violations.add("role", "must be admin, operator or viewer");
            } else if (!acting.includes(role)) {
                violations.add("role", "cannot exceed your own role (%s)".formatted(acting.key()));
            }
        }
        var expiresAt = expiry(input.expiresAt(), violations);
        violations.throwIfAny("Invalid token");
        var secret = TokenSecrets.generate();
        var token = new ApiToken(Ids.newId(), owner.id(), name, TokenSecrets.displayPrefix(secret), role, Jdbc.now(),
                expiresAt, null, null);
        tokens.insert(token, TokenSecrets.hash(secret));
        var view = view(token, owner.username());
        audit.record(new AuditEntry("token.create", "token", token.id().toString(),
                "Created API token '%s' (%s) for %s".formatted(name, role.key(), owner.username()), null, view));
        return new CreatedToken(view, secret);
    }

    /** Creates the provisioning token given at first start; its value comes from the operator. */
    @Transactional
    public void createBootstrapToken(UUID adminId, String secret) {
        var token = new ApiToken(Ids.newId(), adminId, "bootstrap", TokenSecrets.displayPrefix(secret), Role.ADMIN,
                Jdbc.now(), null, null, null);
        tokens.insert(token, TokenSecrets.hash(secret));
        audit.record(new AuditEntry("token.create", "token", token.id().toString(),
                "Created the bootstrap API token from OPSLINE_BOOTSTRAP_TOKEN", null, view(token, "admin")));
    }

    /** The signed-in user's tokens, or everyone's for an admin who asks for all. */
    @Transactional(readOnly = true)
    public List<TokenView> list(boolean everyone) {
        var me = currentUser.require();
        if (everyone && currentUser.actingRole() == Role.ADMIN) {
            var all = tokens.findAll();
            Map<UUID, String> owners = users.findAllById(all.stream().map(ApiToken::userId).distinct().toList())
                    .stream().collect(Collectors.toMap(UserAccount::id, UserAccount::username));
            return all.stream().map(t -> view(t, owners.getOrDefault(t.userId(), "?"))).toList();
        }
        return tokens.findByUser(me.id()).stream().map(t -> view(t, me.username())).toList();
    }

    @Transactional
    public void revoke(UUID id) {
        var token = tokens.findById(id).orElseThrow(() -> new NotFoundException("API token", id));
        var me = currentUser.require();
        if (!token.userId().equals(me.id()) && currentUser.actingRole() != Role.ADMIN) {
            // Same answer as for a token that does not exist: nobody learns about others' tokens.
            throw new NotFoundException("API token", id);
        }
        if (tokens.revoke(id, Jdbc.now())) {
            var owner = users.findById(token.userId()).map(UserAccount::username).orElse("?");
            audit.record(new AuditEntry("token.revoke", "token", id.toString(),
                    "Revoked API token '%s' of %s".formatted(token.name(), owner), view(token, owner),
                    view(tokens.findById(id).orElseThrow(), owner)));
        }
    }

    /** Resolves a presented secret to an authentication, or empty when it must be refused. */
    @Transactional
    public Optional<ApiTokenAuthentication> authenticate(String secret) {
        if (secret == null || secret.length() < TokenSecrets.MIN_LENGTH || secret.length() > TokenSecrets.MAX_LENGTH) {
            return Optional.empty();
        }
        var now = Instant.now();
        return tokens.findByHash(TokenSecrets.hash(secret))
                .filter(token -> token.activeAt(now))
                .flatMap(token -> users.findById(token.userId())
                        .filter(UserAccount::enabled)
                        .map(user -> {
                            tokens.touch(token.id(), Jdbc.now(), now.minus(TOUCH_RESOLUTION));
                            return new ApiTokenAuthentication(user.id(), user.username(), token.id(), token.name(),
                                    token.prefix(), token.role().atMost(user.role()));
                        }));
    }

    private static Instant expiry(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = text.length() == 10
                    ? LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add("expiresAt", "must be a date (2027-01-31) or an instant (2027-01-31T18:00:00Z)");
            return null;
        }
        if (!at.isAfter(Instant.now())) {
            violations.add("expiresAt", "must be in the future");
        }
        return at;
    }

    private static TokenView view(ApiToken token, String owner) {
        return new TokenView(token.id(), token.name(), token.prefix(), token.role().key(), owner, token.createdAt(),
                token.expiresAt(), token.lastUsedAt(), token.revokedAt(), token.activeAt(Instant.now()));
    }
}
