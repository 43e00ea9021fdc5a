package io.opsline.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.TeamDeleted;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/** Creating, renaming and removing teams and setting who belongs to them. */
@Service
public class TeamManagement {

    private final TeamRepository teams;
    private final UserRepository users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    TeamManagement(TeamRepository teams, UserRepository users, AuditLog audit, ApplicationEventPublisher events) {
        this.teams = teams;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<TeamView> all() {
        return teams.findAll().stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public TeamView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public TeamView create(TeamInput input) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), 100);
        var description = violations.optional("description", input.description(), 1000);
        var memberIds = memberIds(input.members(), violations);
        violations.throwIfAny("Invalid team");
        requireUniqueName(name, null);
        var now = Jdbc.now();
        var team = new Team(Ids.newId(), name, description, now, now, 0);
        teams.insert(team);
        teams.replaceMembers(team.id(), memberIds);
        var created = view(team);
        audit.record(new AuditEntry("team.create", "team", team.id().toString(), "Created team " + name, null, created));
        return created;
    }

    @Transactional
    public TeamView update(UUID id, TeamInput input) {
        var existing = find(id);
        var before = view(existing);
        var violations = new Violations();
        var name = violations.required("name", input.name(), 100);
        var description = violations.optional("description", input.description(), 1000);
        var memberIds = input.members() == null ? null : memberIds(input.members(), violations);
        if (input.version() == null) {
            violations.add("version", "is required: send the version you last read");
        }
        violations.throwIfAny("Invalid team");
        requireUniqueName(name, id);
        var changed = new Team(id, name, description, existing.createdAt(), Jdbc.now(), existing.version());
        if (!teams.update(changed, input.version())) {
            throw UserManagement.staleVersion("team", existing.version(), input.version());
        }
        if (memberIds != null) {
            teams.replaceMembers(id, memberIds);
        }
        var after = view(find(id));
        audit.record(new AuditEntry("team.update", "team", id.toString(), "Updated team " + name, before, after));
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        var team = find(id);
        var before = view(team);
        events.publishEvent(new TeamDeleted(id, team.name()));
        teams.delete(id);
        audit.record(new AuditEntry("team.delete", "team", id.toString(), "Deleted team " + team.name(), before, null));
    }

    private void requireUniqueName(String name, UUID self) {
        teams.findByName(name).filter(t -> !t.id().equals(self)).ifPresent(t -> {
            throw ConflictException.onField("name", "a team named '%s' already exists".formatted(t.name()));
        });
    }

    private List<UUID> memberIds(List<String> usernames, Violations violations) {
        var ids = new ArrayList<UUID>();
        if (usernames == null) {
            return ids;
        }
        for (var username : usernames) {
            if (username == null || username.isBlank()) {
                continue;
            }
            users.findByUsername(username).ifPresentOrElse(u -> {
                if (!ids.contains(u.id())) {
                    ids.add(u.id());
                }
            }, () -> violations.add("members", "no user named '%s'".formatted(username.trim())));
        }
        return ids;
    }

    private Team find(UUID id) {
        return teams.findById(id).orElseThrow(() -> new NotFoundException("Team", id));
    }

    private TeamView view(Team team) {
        var members = users.findAllById(teams.memberIds(team.id())).stream().map(UserAccount::username).toList();
        return new TeamView(team.id(), team.name(), team.description(), members, team.createdAt(), team.updatedAt(),
                team.version());
    }
}
