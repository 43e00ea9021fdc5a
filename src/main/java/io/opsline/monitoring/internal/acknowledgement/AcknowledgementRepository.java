package io.opsline.monitoring.internal.acknowledgement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.monitoring.ServiceState;
import io.opsline.platform.Jdbc;

/** SQL for {@code check_acknowledgement}: one row per acknowledged check. */
@Repository
class AcknowledgementRepository {

    private static final String COLUMNS = "id, check_id, ci_id, state, author, comment, sticky, expires_at, created_at";

    private final JdbcClient jdbc;

    AcknowledgementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Acknowledgement> find(UUID checkId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_acknowledgement WHERE check_id = ?").param(checkId)
                .query(AcknowledgementRepository::map).optional();
    }

    List<Acknowledgement> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_acknowledgement").query(AcknowledgementRepository::map)
                .list();
    }

    List<Acknowledgement> findExpired(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_acknowledgement WHERE expires_at <= ? ORDER BY expires_at")
                .param(Jdbc.timestamp(now)).query(AcknowledgementRepository::map).list();
    }

    /** Stores it unless the check is acknowledged already; false if it is (perhaps by someone a moment ago). */
    boolean insertIfAbsent(Acknowledgement a) {
        return jdbc.sql("INSERT INTO check_acknowledgement (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
                .params(a.id(), a.checkId(), a.ciId(), a.state().name(), a.author(), a.comment(), a.sticky(),
                        Jdbc.timestamp(a.expiresAt()), Jdbc.timestamp(a.at()))
                .update() == 1;
    }

    /** Removes this acknowledgement if it is still the check's; true for the one caller that removed it. */
    boolean delete(UUID checkId, UUID id) {
        return jdbc.sql("DELETE FROM check_acknowledgement WHERE check_id = ? AND id = ?").params(checkId, id)
                .update() == 1;
    }

    private static Acknowledgement map(ResultSet rs, int n) throws SQLException {
        return new Acknowledgement(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "check_id"), Jdbc.uuid(rs, "ci_id"),
                ServiceState.valueOf(rs.getString("state")), rs.getString("author"), rs.getString("comment"),
                rs.getBoolean("sticky"), Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "created_at"));
    }
}
