package io.opsline.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.opsline.identity.internal.TeamRepository;

/** Read access to teams for modules that assign ownership (CIs, incidents, routing). */
@Service
public class Teams {

    private final TeamRepository teams;

    Teams(TeamRepository teams) {
        this.teams = teams;
    }

    public List<TeamRef> all() {
        return teams.findAll().stream().map(t -> new TeamRef(t.id(), t.name())).toList();
    }

    public Optional<TeamRef> find(UUID id) {
        return teams.findById(id).map(t -> new TeamRef(t.id(), t.name()));
    }

    public Optional<TeamRef> findByName(String name) {
        return teams.findByName(name).map(t -> new TeamRef(t.id(), t.name()));
    }

    /** Whether this user belongs to this team. */
    public boolean isMember(UUID teamId, UUID userId) {
        return teams.memberIds(teamId).contains(userId);
    }

    /** Resolves a reference given as a team id or a team name (case-insensitive). */
    public Optional<TeamRef> resolve(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        var byId = io.opsline.platform.Ids.parseOrNull(idOrName.trim());
        return byId != null ? find(byId) : findByName(idOrName.trim());
    }

    /** Names of the given teams, for showing lists without one lookup per row. */
    public Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return all().stream()
                .filter(t -> ids.contains(t.id()))
                .collect(Collectors.toMap(TeamRef::id, TeamRef::name));
    }

    /** Every team by lower-cased name, for bulk imports. */
    public Map<String, TeamRef> byLowerCaseName() {
        return all().stream().collect(Collectors.toMap(t -> t.name().toLowerCase(), Function.identity()));
    }
}
