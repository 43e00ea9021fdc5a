package io.opsline.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.monitoring.CheckType;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code check_definition}. */
@Repository
public class CheckRepository {

    private static final String COLUMNS = "id, ci_id, name, check_type, params, interval_seconds,"
            + " retry_interval_seconds, max_attempts, timeout_millis, enabled, created_at, updated_at, version, template_id";
    private static final String INSERT = "INSERT INTO check_definition (id, ci_id, name, name_key, check_type, params,"
            + " interval_seconds, retry_interval_seconds, max_attempts, timeout_millis, enabled, created_at, updated_at,"
            + " version, template_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1000;
    private static final String JOINED_COLUMNS = Arrays.stream(COLUMNS.split(",\\s*")).map(c -> "d." + c)
            .collect(Collectors.joining(", "));
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private static final int IN_BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final ValueList uuids;

    CheckRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.uuids = new ValueList(engine, "uuid");
    }

    public Optional<CheckDefinition> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_definition WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    boolean nameTaken(UUID ciId, String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM check_definition WHERE ci_id = ? AND name_key = ? AND id <> ?")
                .params(ciId, name.toLowerCase(), except == null ? new UUID(0, 0) : except).query(Long.class)
                .single() > 0;
    }

    /**
     * @param shownState a state's name to list only checks that stand in it, PENDING for those
     *        that have not run yet; null for any
     */
    Page<CheckDefinition> search(UUID ciId, CheckType type, String shownState, PageRequest page) {
        var where = new StringBuilder();
        var params = new ArrayList<Object>();
        if (ciId != null) {
            where.append(" AND d.ci_id = ?");
            params.add(ciId);
        }
        if (type != null) {
            where.append(" AND d.check_type = ?");
            params.add(type.name());
        }
        if ("PENDING".equals(shownState)) {
            where.append(" AND (s.check_id IS NULL OR s.last_check IS NULL)");
        } else if (shownState != null) {
            where.append(" AND s.last_check IS NOT NULL AND s.state = ?");
            params.add(shownState);
        }
        var join = shownState == null ? "" : " LEFT JOIN check_state s ON s.check_id = d.id";
        var from = " FROM check_definition d" + join + (where.isEmpty() ? "" : " WHERE" + where.substring(4));
        long total = jdbc.sql("SELECT COUNT(*)" + from).params(params).query(Long.class).single();
        var rows = total == 0 ? List.<CheckDefinition>of()
                : jdbc.sql("SELECT " + JOINED_COLUMNS + from + " ORDER BY d.ci_id, d.name_key LIMIT ? OFFSET ?")
                        .params(params).param(page.size()).param(page.offset()).query(this::map).list();
        return page.toPage(rows, total);
    }

    /** How many checks there are. */
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM check_definition").query(Long.class).single();
    }

    /** Every check's id and version: cheap enough to poll, to see which checks changed. */
    public Map<UUID, Long> versions() {
        var versions = new HashMap<UUID, Long>();
        jdbc.sql("SELECT id, version FROM check_definition")
                .query(rs -> {
                    versions.put(Jdbc.uuid(rs, "id"), rs.getLong("version"));
                });
        return versions;
    }

    /** The checks with these ids that exist. */
    public List<CheckDefinition> findAllById(Collection<UUID> ids) {
        var found = new ArrayList<CheckDefinition>(ids.size());
        var list = List.copyOf(ids);
        for (int from = 0; from < list.size(); from += IN_BATCH) {
            var chunk = list.subList(from, Math.min(list.size(), from + IN_BATCH));
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM check_definition WHERE " + uuids.in("id", "ids"))
                    .param("ids", uuids.of(chunk)).query(this::map).list());
        }
        return found;
    }

    /** Which of these checks still exist. */
    public Set<UUID> existingIds(Collection<UUID> ids) {
        var found = new HashSet<UUID>();
        var list = List.copyOf(ids);
        for (int from = 0; from < list.size(); from += IN_BATCH) {
            found.addAll(jdbc.sql("SELECT id FROM check_definition WHERE " + uuids.in("id", "ids"))
                    .param("ids", uuids.of(list.subList(from, Math.min(list.size(), from + IN_BATCH))))
                    .query((rs, n) -> Jdbc.uuid(rs, "id")).list());
        }
        return found;
    }

    /** Every check of this type. */
    public List<CheckDefinition> findByType(CheckType type) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_definition WHERE check_type = ?").param(type.name())
                .query(this::map).list();
    }

    public List<CheckDefinition> findByCi(UUID ciId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_definition WHERE ci_id = ? ORDER BY name_key")
                .param(ciId).query(this::map).list();
    }

    /** The checks created from a template. */
    public List<CheckDefinition> findByTemplate(UUID templateId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM check_definition WHERE template_id = ? ORDER BY ci_id")
                .param(templateId).query(this::map).list();
    }

    /** How many checks each template has now; templates without any are left out. */
    public Map<UUID, Long> countByTemplate(Collection<UUID> templateIds) {
        if (templateIds.isEmpty()) {
            return Map.of();
        }
        var counts = new HashMap<UUID, Long>();
        jdbc.sql("SELECT template_id, COUNT(*) AS n FROM check_definition WHERE " + uuids.in("template_id", "ids")
                + " GROUP BY template_id").param("ids", uuids.of(templateIds))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "template_id"), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The CIs that have a check of this name (in any case) that is not from the given template. */
    public Set<UUID> cisWithNameOutsideTemplate(String name, UUID templateId) {
        return new HashSet<>(jdbc.sql("SELECT ci_id FROM check_definition WHERE name_key = ?"
                + " AND (template_id IS NULL OR template_id <> ?)")
                .params(name.toLowerCase(), templateId).query(UUID.class).list());
    }

    public void insert(CheckDefinition c) {
        insertAll(List.of(c));
    }

    public void insertAll(List<CheckDefinition> checks) {
        for (int from = 0; from < checks.size(); from += BATCH) {
            template.batchUpdate(INSERT, checks.subList(from, Math.min(checks.size(), from + BATCH)).stream()
                    .map(c -> new Object[] {c.id(), c.ciId(), c.name(), c.name().toLowerCase(), c.type().name(),
                            json.writeValueAsString(c.params()), c.intervalSeconds(), c.retryIntervalSeconds(),
                            c.maxAttempts(), c.timeoutMillis(), c.enabled(), Jdbc.timestamp(c.createdAt()),
                            Jdbc.timestamp(c.updatedAt()), c.version(), c.templateId()})
                    .toList());
        }
    }

    /** Writes a changed check if it is still at {@code c.version()}; false if someone changed it meanwhile. */
    public boolean update(CheckDefinition c) {
        return jdbc.sql("UPDATE check_definition SET ci_id = ?, name = ?, name_key = ?, check_type = ?, params = ?,"
                + " interval_seconds = ?, retry_interval_seconds = ?, max_attempts = ?, timeout_millis = ?,"
                + " enabled = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(c.ciId(), c.name(), c.name().toLowerCase(), c.type().name(), json.writeValueAsString(c.params()),
                        c.intervalSeconds(), c.retryIntervalSeconds(), c.maxAttempts(), c.timeoutMillis(), c.enabled(),
                        Jdbc.timestamp(c.updatedAt()), c.id(), c.version())
                .update() == 1;
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM check_definition WHERE id = ?").param(id).update();
    }

    private CheckDefinition map(ResultSet rs, int n) throws SQLException {
        return new CheckDefinition(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "ci_id"), rs.getString("name"),
                CheckType.valueOf(rs.getString("check_type")), json.readValue(rs.getString("params"), PARAMS),
                rs.getInt("interval_seconds"), rs.getInt("retry_interval_seconds"), rs.getInt("max_attempts"),
                rs.getInt("timeout_millis"), rs.getBoolean("enabled"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), rs.getLong("version"), Jdbc.uuid(rs, "template_id"));
    }
}
