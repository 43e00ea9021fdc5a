package io.opsline.alerting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;

/** SQL for {@code alert_integration}. */
@Repository
class IntegrationRepository {

    private static final String COLUMNS = "id, name, kind, key_prefix, fingerprint_fields, enabled, created_at,"
            + " created_by, version";

    private final JdbcClient jdbc;

    IntegrationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Integration integration, String keyHash) {
        jdbc.sql("INSERT INTO alert_integration (" + COLUMNS + ", key_hash, name_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(integration.id(), integration.name(), integration.kind().name(), integration.keyPrefix(),
                        String.join(",", integration.fingerprintFields()), integration.enabled(),
                        Jdbc.timestamp(integration.createdAt()), integration.createdBy(), integration.version(), keyHash,
                        integration.name().toLowerCase(Locale.ROOT))
                .update();
    }

    /** Gives an integration a new key; false when it is gone. */
    boolean replaceKey(UUID id, String keyPrefix, String keyHash) {
        return jdbc.sql("UPDATE alert_integration SET key_prefix = ?, key_hash = ?, version = version + 1 WHERE id = ?")
                .params(keyPrefix, keyHash, id).update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM alert_integration WHERE id = ?").param(id).update() == 1;
    }

    boolean nameTaken(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_integration WHERE name_key = ?")
                .param(name.toLowerCase(Locale.ROOT))
                .query(Long.class).single() > 0;
    }

    Optional<Integration> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_integration WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    Optional<Integration> findByKeyHash(String keyHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_integration WHERE key_hash = ?").param(keyHash)
                .query(this::map).optional();
    }

    List<Integration> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_integration ORDER BY name_key").query(this::map).list();
    }

    private Integration map(ResultSet rs, int n) throws SQLException {
        var fields = rs.getString("fingerprint_fields");
        return new Integration(Jdbc.uuid(rs, "id"), rs.getString("name"), IntegrationKind.valueOf(rs.getString("kind")),
                rs.getString("key_prefix"), fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")),
                rs.getBoolean("enabled"), Jdbc.instant(rs, "created_at"), rs.getString("created_by"),
                rs.getInt("version"));
    }
}
