package io.opsline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code team} and {@code team_member}. */
@Repository
public class TeamRepository {

    private static final String COLUMNS = "id, name, description, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    TeamRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    public List<Team> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM team ORDER BY name_key").query(TeamRepository::map).list();
    }

    public Optional<Team> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM team WHERE id = ?").param(id).query(TeamRepository::map)
                .optional();
    }

    public Optional<Team> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM team WHERE name_key = ?").param(name.trim().toLowerCase())
                .query(TeamRepository::map).optional();
    }

    public void insert(Team team) {
        jdbc.sql("INSERT INTO team (id, name, name_key, description, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(team.id(), team.name(), team.name().toLowerCase(), team.description(),
                        Jdbc.timestamp(team.createdAt()), Jdbc.timestamp(team.updatedAt()), team.version())
                .update();
    }

    public boolean update(Team team, long expectedVersion) {
        return jdbc.sql("UPDATE team SET name = ?, name_key = ?, description = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND version = ?")
                .params(team.name(), team.name().toLowerCase(), team.description(), Jdbc.timestamp(team.updatedAt()),
                        team.id(), expectedVersion)
                .update() == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM team WHERE id = ?").param(id).update() == 1;
    }

    public List<UUID> memberIds(UUID teamId) {
        return jdbc.sql("SELECT user_id FROM team_member WHERE team_id = ?").param(teamId).query(UUID.class).list();
    }

    public List<Team> teamsOf(UUID userId) {
        return jdbc.sql("SELECT t.id, t.name, t.description, t.created_at, t.updated_at, t.version"
                + " FROM team t JOIN team_member m ON m.team_id = t.id WHERE m.user_id = ? ORDER BY t.name_key")
                .param(userId).query(TeamRepository::map).list();
    }

    /** Team names per user, for user lists. */
    public Map<UUID, List<String>> teamNamesByUser(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        var rows = jdbc.sql("SELECT m.user_id, t.name FROM team_member m JOIN team t ON t.id = m.team_id"
                + " WHERE " + uuids.in("m.user_id", "ids") + " ORDER BY t.name_key")
                .param("ids", uuids.of(userIds))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "user_id"), rs.getString("name"))).list();
        return rows.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public void replaceMemberships(UUID userId, List<UUID> teamIds) {
        jdbc.sql("DELETE FROM team_member WHERE user_id = ?").param(userId).update();
        for (var teamId : teamIds) {
            jdbc.sql("INSERT INTO team_member (team_id, user_id) VALUES (?, ?)").params(teamId, userId).update();
        }
    }

    public void replaceMembers(UUID teamId, List<UUID> userIds) {
        jdbc.sql("DELETE FROM team_member WHERE team_id = ?").param(teamId).update();
        for (var userId : userIds) {
            jdbc.sql("INSERT INTO team_member (team_id, user_id) VALUES (?, ?)").params(teamId, userId).update();
        }
    }

    private static Team map(ResultSet rs, int row) throws SQLException {
        return new Team(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
