package io.opsline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.identity.Role;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;

/** SQL for {@code app_user}. */
@Repository
public class UserRepository {

    private static final String COLUMNS =
            "id, username, display_name, email, role, enabled, password_hash, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    UserRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = ?").param(id).query(UserRepository::map)
                .optional();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username_key = ?")
                .param(username.trim().toLowerCase()).query(UserRepository::map).optional();
    }

    public Page<UserAccount> search(String text, Role role, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (text != null && !text.isBlank()) {
            where.append(" AND (username_key LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(email) LIKE ? ESCAPE '\\')");
            var pattern = Jdbc.likeContains(text.trim().toLowerCase());
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if (role != null) {
            where.append(" AND role = ?");
            params.add(role.name());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM app_user" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM app_user" + where + " ORDER BY username_key LIMIT ? OFFSET ?")
                .params(params).param(page.size()).param(page.offset())
                .query(UserRepository::map).list();
        return page.toPage(items, total);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    /**
     * Counts the enabled admins and locks their rows until the transaction ends, so two admins
     * demoting each other at once cannot both see the other as the remaining admin.
     */
    public long lockEnabledAdmins() {
        return jdbc.sql("SELECT id FROM app_user WHERE role = 'ADMIN' AND enabled = TRUE FOR UPDATE").query(UUID.class)
                .list().size();
    }

    public void insert(UserAccount user) {
        jdbc.sql("""
                INSERT INTO app_user (id, username, username_key, display_name, email, role, enabled, password_hash,
                    created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user.id(), user.username(), user.username().toLowerCase(), user.displayName(), user.email(),
                        user.role().name(), user.enabled(), user.passwordHash(), Jdbc.timestamp(user.createdAt()),
                        Jdbc.timestamp(user.updatedAt()), user.version())
                .update();
    }

    /** Updates profile, role and state; true when the expected version matched. */
    public boolean update(UserAccount user, long expectedVersion) {
        return jdbc.sql("""
                UPDATE app_user SET display_name = ?, email = ?, role = ?, enabled = ?, updated_at = ?,
                    version = version + 1
                WHERE id = ? AND version = ?""")
                .params(user.displayName(), user.email(), user.role().name(), user.enabled(),
                        Jdbc.timestamp(user.updatedAt()), user.id(), expectedVersion)
                .update() == 1;
    }

    public void updatePassword(UUID id, String passwordHash, Instant at) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?")
                .params(passwordHash, Jdbc.timestamp(at), id).update();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM app_user WHERE id = ?").param(id).update() == 1;
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(Jdbc.uuid(rs, "id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                rs.getString("password_hash"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    public List<UserAccount> findAllById(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE " + uuids.in("id", "ids")
                + " ORDER BY username_key")
                .param("ids", uuids.of(ids)).query(UserRepository::map).list();
    }
}
