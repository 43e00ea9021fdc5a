package io.opsline.alerting.internal.suppress;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code alert_silence}. */
@Repository
class SilenceRepository {

    private static final String COLUMNS = "id, matchers, starts_at, ends_at, created_by, comment, created_at,"
            + " updated_at, version";
    private static final TypeReference<List<MatcherInput>> MATCHERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SilenceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Silence silence) {
        jdbc.sql("INSERT INTO alert_silence (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(silence.id(), matchers(silence.matchers()), Jdbc.timestamp(silence.startsAt()),
                        Jdbc.timestamp(silence.endsAt()), silence.createdBy(), silence.comment(),
                        Jdbc.timestamp(silence.createdAt()), Jdbc.timestamp(silence.updatedAt()), silence.version())
                .update();
    }

    /** Stores a change made on the version before; false when someone changed it meanwhile. */
    boolean update(Silence silence) {
        return jdbc.sql("UPDATE alert_silence SET matchers = ?, starts_at = ?, ends_at = ?, comment = ?,"
                + " updated_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(matchers(silence.matchers()), Jdbc.timestamp(silence.startsAt()),
                        Jdbc.timestamp(silence.endsAt()), silence.comment(), Jdbc.timestamp(silence.updatedAt()),
                        silence.version(), silence.id(), silence.version() - 1)
                .update() == 1;
    }

    Optional<Silence> find(UUID id, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_silence WHERE id = ?").param(id)
                .query((rs, n) -> map(rs, now)).optional();
    }

    /** Silences in a state at {@code now} (any state for null), the latest ending first. */
    List<Silence> findAll(SilenceState state, Instant now) {
        var where = state == null ? ""
                : switch (state) {
                    case PENDING -> " WHERE starts_at > :now AND ends_at > :now";
                    case ACTIVE -> " WHERE starts_at <= :now AND ends_at > :now";
                    case EXPIRED -> " WHERE ends_at <= :now";
                };
        var query = jdbc.sql("SELECT " + COLUMNS + " FROM alert_silence" + where + " ORDER BY ends_at DESC, id");
        if (state != null) {
            query = query.param("now", Jdbc.timestamp(now));
        }
        return query.query((rs, n) -> map(rs, now)).list();
    }

    /** Silences not over at {@code now}: active ones and those still to begin. */
    List<Silence> findUnexpired(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_silence WHERE ends_at > ?").param(Jdbc.timestamp(now))
                .query((rs, n) -> map(rs, now)).list();
    }

    private String matchers(List<Matcher> matchers) {
        return json.writeValueAsString(matchers.stream().map(Matcher::input).toList());
    }

    private Silence map(ResultSet rs, Instant now) throws SQLException {
        var startsAt = Jdbc.instant(rs, "starts_at");
        var endsAt = Jdbc.instant(rs, "ends_at");
        return new Silence(Jdbc.uuid(rs, "id"), Matcher.stored(json.readValue(rs.getString("matchers"), MATCHERS)),
                startsAt, endsAt, rs.getString("created_by"), rs.getString("comment"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), rs.getInt("version"), Silence.stateAt(startsAt, endsAt, now));
    }
}
