package io.opsline.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/**
 * Creating, changing and removing users. Guards the rules an admin could otherwise break by
 * accident: there is always at least one enabled admin, and nobody deletes their own account.
 * Changing someone's role, state or password ends their open sessions.
 */
@Service
public class UserManagement {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository users;
    private final TeamRepository teams;
    private final Passwords passwords;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    UserManagement(UserRepository users, TeamRepository teams, Passwords passwords, AuditLog audit,
            CurrentUser currentUser, FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.users = users;
        this.teams = teams;
        this.passwords = passwords;
        this.audit = audit;
        this.currentUser = currentUser;
        this.sessions = sessions;
    }

    @Transactional(readOnly = true)
    public Page<UserView> search(String text, String role, PageRequest page) {
        Role parsedRole = null;
        if (role != null && !role.isBlank()) {
            parsedRole = Role.parse(role).orElseThrow(() -> InvalidInputException.of("role", "unknown role '" + role + "'"));
        }
        var found = users.search(text, parsedRole, page);
        var teamNames = teams.teamNamesByUser(found.items().stream().map(UserAccount::id).toList());
        return found.map(u -> UserView.of(u, teamNames.getOrDefault(u.id(), List.of())));
    }

    @Transactional(readOnly = true)
    public UserView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public UserView create(UserInput input) {
        var violations = new Violations();
        var username = violations.required("username", input.username(), 100);
        if (username != null && !USERNAME.matcher(username).matches()) {
            violations.add("username", "may contain letters, digits and . _ @ - and must be 2 to 100 characters");
        }
        var role = role(input.role(), violations);
        passwords.check("password", input.password(), username, violations);
        var profile = profile(input, username, violations);
        var teamIds = teamIds(input.teams(), violations);
        violations.throwIfAny("Invalid user");
        if (users.findByUsername(username).isPresent()) {
            throw ConflictException.onField("username", "a user named '%s' already exists".formatted(username));
        }
        var now = Jdbc.now();
        var user = new UserAccount(Ids.newId(), username, profile.displayName(), profile.email(), role,
                input.enabled() == null || input.enabled(), passwords.hash(input.password()), now, now, 0);
        users.insert(user);
        teams.replaceMemberships(user.id(), teamIds);
        var created = view(user);
        audit.record(new AuditEntry("user.create", "user", user.id().toString(),
                "Created user %s (%s)".formatted(username, role.key()), null, created));
        return created;
    }

    @Transactional
    public UserView update(UUID id, UserInput input) {
        var existing = find(id);
        var before = view(existing);
        var violations = new Violations();
        if (input.username() != null && !input.username().strip().equals(existing.username())) {
            violations.add("username", "cannot be changed");
        }
        if (input.password() != null) {
            violations.add("password", "is set separately, with a password reset");
        }
        if (input.version() == null) {
            violations.add("version", "is required: send the version you last read");
        }
        var role = input.role() == null ? existing.role() : role(input.role(), violations);
        var profile = profile(input, existing.username(), violations);
        var teamIds = input.teams() == null ? null : teamIds(input.teams(), violations);
        violations.throwIfAny("Invalid user");
        var enabled = input.enabled() == null ? existing.enabled() : input.enabled();
        if (existing.role() == Role.ADMIN && existing.enabled() && (role != Role.ADMIN || !enabled)
                && users.lockEnabledAdmins() <= 1) {
            throw new ConflictException("%s is the last enabled admin; make someone else admin first"
                    .formatted(existing.username()));
        }
        var changed = new UserAccount(id, existing.username(), profile.displayName(), profile.email(), role, enabled,
                existing.passwordHash(), existing.createdAt(), Jdbc.now(), existing.version());
        if (!users.update(changed, input.version())) {
            throw staleVersion("user", existing.version(), input.version());
        }
        if (teamIds != null) {
            teams.replaceMemberships(id, teamIds);
        }
        var after = view(find(id));
        audit.record(new AuditEntry("user.update", "user", id.toString(),
                "Updated user " + existing.username(), before, after));
        if (role != existing.role() || enabled != existing.enabled()) {
            endSessions(existing.username());
        }
        return after;
    }

    @Transactional
    public void resetPassword(UUID id, String password) {
        var user = find(id);
        var violations = new Violations();
        passwords.check("password", password, user.username(), violations);
        violations.throwIfAny("Invalid password");
        users.updatePassword(id, passwords.hash(password), Jdbc.now());
        audit.record(new AuditEntry("user.password-reset", "user", id.toString(),
                "Reset the password of " + user.username(), null, null));
        endSessions(user.username());
    }

    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        var user = currentUser.require();
        var violations = new Violations();
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            violations.add("currentPassword", "is not your current password");
        }
        passwords.check("newPassword", newPassword, user.username(), violations);
        violations.throwIfAny("Password not changed");
        users.updatePassword(user.id(), passwords.hash(newPassword), Jdbc.now());
        audit.record(new AuditEntry("user.password-change", "user", user.id().toString(),
                user.username() + " changed their password", null, null));
    }

    @Transactional
    public void delete(UUID id) {
        var user = find(id);
        if (user.username().equalsIgnoreCase(currentUser.require().username())) {
            throw new ConflictException("You cannot delete your own account");
        }
        if (user.role() == Role.ADMIN && user.enabled() && users.lockEnabledAdmins() <= 1) {
            throw new ConflictException(user.username() + " is the last enabled admin and cannot be deleted");
        }
        var before = view(user);
        users.delete(id);
        audit.record(new AuditEntry("user.delete", "user", id.toString(), "Deleted user " + user.username(),
                before, null));
        endSessions(user.username());
    }

    private UserAccount find(UUID id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    private UserView view(UserAccount user) {
        return UserView.of(user, teams.teamsOf(user.id()).stream().map(Team::name).toList());
    }

    private static Role role(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add("role", "is required: admin, operator or viewer");
            return null;
        }
        return Role.parse(text).orElseGet(() -> {
            violations.add("role", "must be admin, operator or viewer");
            return null;
        });
    }

    private record Profile(String displayName, String email) {
    }

    private static Profile profile(UserInput input, String username, Violations violations) {
        var displayName = violations.optional("displayName", input.displayName(), 200);
        var email = violations.optional("email", input.email(), 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add("email", "is not an email address");
        }
        return new Profile(displayName == null ? username : displayName, email);
    }

    private List<UUID> teamIds(List<String> names, Violations violations) {
        var ids = new ArrayList<UUID>();
        if (names == null) {
            return ids;
        }
        for (var name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            var byId = Ids.parseOrNull(name.trim());
            var team = byId != null ? teams.findById(byId) : teams.findByName(name);
            team.ifPresentOrElse(t -> {
                if (!ids.contains(t.id())) {
                    ids.add(t.id());
                }
            }, () -> violations.add("teams", "no team named '%s'".formatted(name.trim())));
        }
        return ids;
    }

    private void endSessions(String username) {
        sessions.findByPrincipalName(username).keySet().forEach(sessions::deleteById);
    }

    static ConflictException staleVersion(String what, long current, long sent) {
        return ConflictException.onField("version", "the %s was changed by someone else (now version %d, you sent %d);"
                .formatted(what, current, sent) + " reload and apply your change again");
    }
}
