package io.opsline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.identity.Role;
import io.opsline.platform.Jdbc;

/** SQL for {@code api_token}. */
@Repository
public class ApiTokenRepository {

    private static final String COLUMNS =
            "id, user_id, name, prefix, role, created_at, expires_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApiToken token, String secretHash) {
        jdbc.sql("INSERT INTO api_token (id, user_id, name, prefix, token_hash, role, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(token.id(), token.userId(), token.name(), token.prefix(), secretHash, token.role().name(),
                        Jdbc.timestamp(token.createdAt()), Jdbc.timestamp(token.expiresAt()))
                .update();
    }

    public Optional<ApiToken> findByHash(String secretHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?").param(secretHash)
                .query(ApiTokenRepository::map).optional();
    }

    public Optional<ApiToken> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE id = ?").param(id)
                .query(ApiTokenRepository::map).optional();
    }

    public List<ApiToken> findByUser(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE user_id = ? ORDER BY created_at DESC")
                .param(userId).query(ApiTokenRepository::map).list();
    }

    public List<ApiToken> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at DESC")
                .query(ApiTokenRepository::map).list();
    }

    public boolean revoke(UUID id, Instant at) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Jdbc.timestamp(at), id).update() == 1;
    }

    /** Records use at most once per {@code resolution} so busy tokens do not write on every request. */
    public void touch(UUID id, Instant now, Instant notSince) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(Jdbc.timestamp(now), id, Jdbc.timestamp(notSince)).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "user_id"), rs.getString("name"),
                rs.getString("prefix"), Role.valueOf(rs.getString("role")), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "last_used_at"), Jdbc.instant(rs, "revoked_at"));
    }
}
