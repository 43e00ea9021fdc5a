package io.opsline.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.monitoring.internal.state.CheckStatus;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code check_state}: many rows written at once, as a scheduler produces them. */
@Repository
public class CheckStateRepository {

    private static final String COLUMNS = "check_id, state, state_type, attempt, last_hard_state, last_change,"
            + " last_hard_change, last_check, next_check, output, long_output, perf_data, duration_millis,"
            + " recent_states, flapping, percent_change, counter_value, counter_at, caused_by";
    private static final int BATCH = 500;
    private static final int MAX_OUTPUT = 4000;
    private static final TypeReference<List<Map<String, Object>>> PERF = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final String upsert;
    private final ValueList uuids;

    CheckStateRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.uuids = new ValueList(engine, "uuid");
        var placeholders = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
        this.upsert = switch (engine) {
            case H2 -> "MERGE INTO check_state (" + COLUMNS + ") KEY (check_id) VALUES (" + placeholders + ")";
            case POSTGRESQL -> "INSERT INTO check_state (" + COLUMNS + ") VALUES (" + placeholders + ")"
                    + " ON CONFLICT (check_id) DO UPDATE SET state = EXCLUDED.state, state_type = EXCLUDED.state_type,"
                    + " attempt = EXCLUDED.attempt, last_hard_state = EXCLUDED.last_hard_state,"
                    + " last_change = EXCLUDED.last_change, last_hard_change = EXCLUDED.last_hard_change,"
                    + " last_check = EXCLUDED.last_check, next_check = EXCLUDED.next_check,"
                    + " output = EXCLUDED.output, long_output = EXCLUDED.long_output, perf_data = EXCLUDED.perf_data,"
                    + " duration_millis = EXCLUDED.duration_millis, recent_states = EXCLUDED.recent_states,"
                    + " flapping = EXCLUDED.flapping, percent_change = EXCLUDED.percent_change,"
                    + " counter_value = EXCLUDED.counter_value, counter_at = EXCLUDED.counter_at,"
                    + " caused_by = EXCLUDED.caused_by";
        };
    }

    public Optional<CheckState> findById(UUID checkId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_state WHERE check_id = ?").param(checkId)
                .query(this::map).optional();
    }

    /**
     * A check's state, locked until the transaction ends, for changing it from a result that
     * arrived on any node (a passive result) without losing a concurrent one.
     */
    public Optional<CheckState> findByIdForUpdate(UUID checkId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_state WHERE check_id = ? FOR UPDATE").param(checkId)
                .query(this::map).optional();
    }

    /** The stored states of these checks. */
    public List<CheckState> findAllById(Collection<UUID> checkIds) {
        var found = new ArrayList<CheckState>(checkIds.size());
        var list = List.copyOf(checkIds);
        for (int from = 0; from < list.size(); from += BATCH) {
            var chunk = list.subList(from, Math.min(list.size(), from + BATCH));
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM check_state WHERE " + uuids.in("check_id", "ids"))
                    .param("ids", uuids.of(chunk)).query(this::map).list());
        }
        return found;
    }

    /** The states of checks with a problem, soft or hard: few, however many checks there are. */
    public List<CheckState> findProblems() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_state WHERE state <> 'OK'").query(this::map).list();
    }

    /**
     * How many stored states there are of each kind: the state's name, or PENDING for checks that
     * have not run yet (their stored state is only the assumed OK they start from).
     */
    public Map<String, Long> countByState() {
        var shown = "CASE WHEN last_check IS NULL THEN 'PENDING' ELSE state END";
        var counts = new HashMap<String, Long>();
        jdbc.sql("SELECT " + shown + " AS shown, COUNT(*) AS n FROM check_state GROUP BY " + shown)
                .query(rs -> {
                    counts.put(rs.getString("shown"), rs.getLong("n"));
                });
        return counts;
    }

    /** Every stored state, for a scheduler resuming after a restart. */
    public List<CheckState> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_state").query(this::map).list();
    }

    /** Writes these states, inserting or replacing each, in batches. */
    public void saveAll(Collection<CheckState> states) {
        var rows = new ArrayList<Object[]>(Math.min(states.size(), BATCH));
        for (var state : states) {
            rows.add(row(state));
            if (rows.size() == BATCH) {
                template.batchUpdate(upsert, rows);
                rows.clear();
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate(upsert, rows);
        }
    }

    private Object[] row(CheckState s) {
        var status = s.status();
        var result = s.lastResult();
        return new Object[] {s.checkId(), status.state().name(), status.type().name(), status.attempt(),
                status.lastHardState().name(), Jdbc.timestamp(status.lastChange()),
                status.lastHardChange() == null ? null : Jdbc.timestamp(status.lastHardChange()),
                result == null ? null : Jdbc.timestamp(result.startedAt()), Jdbc.timestamp(s.nextCheck()),
                result == null ? null : cut(result.output()), result == null ? null : result.longOutput(),
                result == null ? null : json.writeValueAsString(result.perfData().stream().map(CheckStateRepository::perf)
                        .toList()),
                result == null || result.duration() == null ? null
                        : (int) Math.min(Integer.MAX_VALUE, result.duration().toMillis()),
                s.recentStates(), s.flapping(), s.percentChange(), s.counter() == null ? null : s.counter().value(),
                s.counter() == null ? null : Jdbc.timestamp(s.counter().at()), s.causedBy()};
    }

    private CheckState map(ResultSet rs, int n) throws SQLException {
        var status = new CheckStatus<>(ServiceState.valueOf(rs.getString("state")),
                StateType.valueOf(rs.getString("state_type")), rs.getInt("attempt"), Jdbc.instant(rs, "last_change"),
                Jdbc.instant(rs, "last_hard_change"), ServiceState.valueOf(rs.getString("last_hard_state")));
        CheckResult result = null;
        var lastCheck = Jdbc.instant(rs, "last_check");
        if (lastCheck != null) {
            var perf = json.readValue(rs.getString("perf_data"), PERF).stream().map(CheckStateRepository::perf)
                    .toList();
            result = new CheckResult(status.state(), rs.getString("output"), rs.getString("long_output"), perf,
                    lastCheck, rs.getObject("duration_millis") == null ? null
                            : Duration.ofMillis(rs.getInt("duration_millis")));
        }
        var counterValue = rs.getObject("counter_value") == null ? null : rs.getDouble("counter_value");
        var counter = counterValue == null ? null : new CounterSample(counterValue, Jdbc.instant(rs, "counter_at"));
        return new CheckState(Jdbc.uuid(rs, "check_id"), status, result, Jdbc.instant(rs, "next_check"),
                rs.getString("recent_states"), rs.getBoolean("flapping"), rs.getDouble("percent_change"), counter,
                Jdbc.uuid(rs, "caused_by"));
    }

    private static Map<String, Object> perf(PerfDatum d) {
        var map = new LinkedHashMap<String, Object>();
        map.put("label", d.label());
        map.put("value", d.value());
        map.put("unit", d.unit());
        map.put("warn", d.warn() == null ? null : d.warn().text());
        map.put("crit", d.crit() == null ? null : d.crit().text());
        map.put("min", d.min());
        map.put("max", d.max());
        return map;
    }

    private static PerfDatum perf(Map<String, Object> m) {
        return new PerfDatum((String) m.get("label"), number(m.get("value")), (String) m.get("unit"),
                m.get("warn") == null ? null : ThresholdRange.parse((String) m.get("warn")),
                m.get("crit") == null ? null : ThresholdRange.parse((String) m.get("crit")), number(m.get("min")),
                number(m.get("max")));
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_OUTPUT ? text : text.substring(0, MAX_OUTPUT - 1) + "…";
    }
}
