package io.opsline.monitoring.internal.host;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.monitoring.HostState;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code host_state}. A CI without a row has never been seen down: it is UP. */
@Repository
public class HostStateRepository {

    private static final String COLUMNS = "ci_id, state, caused_by, last_change, output";
    private static final int MAX_OUTPUT = 4000;
    private static final int IN_BATCH = 500;

    private final JdbcClient jdbc;
    private final ValueList uuids;

    HostStateRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    public Optional<HostStatus> find(UUID ciId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM host_state WHERE ci_id = ?").param(ciId)
                .query(HostStateRepository::map).optional();
    }

    public List<HostStatus> findAll(Collection<UUID> ciIds) {
        var found = new ArrayList<HostStatus>();
        var list = List.copyOf(ciIds);
        for (int from = 0; from < list.size(); from += IN_BATCH) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM host_state WHERE " + uuids.in("ci_id", "ids"))
                    .param("ids", uuids.of(list.subList(from, Math.min(list.size(), from + IN_BATCH))))
                    .query(HostStateRepository::map).list());
        }
        return found;
    }

    public void save(HostStatus status) {
        var output = status.output() == null || status.output().length() <= MAX_OUTPUT ? status.output()
                : status.output().substring(0, MAX_OUTPUT - 1) + "…";
        var updated = jdbc.sql("UPDATE host_state SET state = ?, caused_by = ?, last_change = ?, output = ?"
                + " WHERE ci_id = ?")
                .params(status.state().name(), status.causedBy(), Jdbc.timestamp(status.lastChange()), output,
                        status.ciId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO host_state (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                    .params(status.ciId(), status.state().name(), status.causedBy(),
                            Jdbc.timestamp(status.lastChange()), output)
                    .update();
        }
    }

    private static HostStatus map(ResultSet rs, int n) throws SQLException {
        return new HostStatus(Jdbc.uuid(rs, "ci_id"), HostState.valueOf(rs.getString("state")),
                Jdbc.uuid(rs, "caused_by"), Jdbc.instant(rs, "last_change"), rs.getString("output"));
    }
}
