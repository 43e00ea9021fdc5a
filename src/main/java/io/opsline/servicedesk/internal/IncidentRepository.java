package io.opsline.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;

/** SQL for {@code incident}, its CIs and services ({@code incident_ci}, {@code incident_service}) and its timeline. */
@Repository
public class IncidentRepository {

    private static final String COLUMNS = "id, number, title, description, caller_id, opened_by, opened_through, category,"
            + " impact, urgency, priority, major, state, hold_reason, resolution_code, resolution_notes, team_id,"
            + " assignee_id, customer_id, started_at, created_at, updated_at, responded_at, resolved_at, closed_at, version";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    IncidentRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    long nextNumber() {
        return jdbc.sql("SELECT nextval('incident_number_seq')").query(Long.class).single();
    }

    void insert(Incident incident) {
        jdbc.sql("INSERT INTO incident (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(incident.id(), incident.number(), incident.title(), incident.description(), incident.callerId(),
                        incident.openedBy(), incident.openedThrough().name(), incident.category(),
                        incident.impact().rank(), incident.urgency().rank(), incident.priority().rank(),
                        incident.major(), incident.state().name(), name(incident.holdReason()),
                        name(incident.resolutionCode()), incident.resolutionNotes(), incident.teamId(),
                        incident.assigneeId(), incident.customerId(), Jdbc.timestamp(incident.startedAt()),
                        Jdbc.timestamp(incident.createdAt()), Jdbc.timestamp(incident.updatedAt()),
                        Jdbc.timestamp(incident.respondedAt()), Jdbc.timestamp(incident.resolvedAt()),
                        Jdbc.timestamp(incident.closedAt()), incident.version())
                .update();
        replaceLinks(incident);
    }

    /** Stores a change if nobody changed the incident since {@code after.version() - 1}; false if someone did. */
    boolean update(Incident after) {
        var updated = jdbc.sql("UPDATE incident SET title = ?, description = ?, caller_id = ?, category = ?, impact = ?,"
                        + " urgency = ?, priority = ?, major = ?, state = ?, hold_reason = ?, resolution_code = ?,"
                        + " resolution_notes = ?, team_id = ?, assignee_id = ?, customer_id = ?, started_at = ?, updated_at = ?,"
                        + " responded_at = ?, resolved_at = ?, closed_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.title(), after.description(), after.callerId(), after.category(), after.impact().rank(),
                        after.urgency().rank(), after.priority().rank(), after.major(), after.state().name(),
                        name(after.holdReason()), name(after.resolutionCode()), after.resolutionNotes(),
                        after.teamId(), after.assigneeId(), after.customerId(), Jdbc.timestamp(after.startedAt()),
                        Jdbc.timestamp(after.updatedAt()), Jdbc.timestamp(after.respondedAt()),
                        Jdbc.timestamp(after.resolvedAt()), Jdbc.timestamp(after.closedAt()), after.version(),
                        after.id(), after.version() - 1)
                .update();
        return updated == 1;
    }

    void replaceLinks(Incident incident) {
        jdbc.sql("DELETE FROM incident_ci WHERE incident_id = ?").param(incident.id()).update();
        jdbc.sql("DELETE FROM incident_service WHERE incident_id = ?").param(incident.id()).update();
        for (var ciId : incident.ciIds()) {
            jdbc.sql("INSERT INTO incident_ci (incident_id, ci_id) VALUES (?, ?)").params(incident.id(), ciId).update();
        }
        for (var serviceId : incident.serviceIds()) {
            jdbc.sql("INSERT INTO incident_service (incident_id, service_id) VALUES (?, ?)")
                    .params(incident.id(), serviceId).update();
        }
    }

    public Optional<Incident> find(UUID id) {
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE id = ?").param(id)
                .query(IncidentRepository::incident).list()).stream().findFirst();
    }

    public Optional<Incident> findByNumber(long number) {
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE number = ?").param(number)
                .query(IncidentRepository::incident).list()).stream().findFirst();
    }

    public Page<Incident> search(IncidentFilter filter, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        var searchesTitle = false;
        if (!filter.states().isEmpty()) {
            where.append(" AND state IN (").append(placeholders(filter.states().size())).append(')');
            filter.states().forEach(s -> params.add(s.name()));
        }
        if (!filter.priorities().isEmpty()) {
            where.append(" AND priority IN (").append(placeholders(filter.priorities().size())).append(')');
            filter.priorities().forEach(p -> params.add(p.rank()));
        }
        if (filter.teamId() != null) {
            where.append(" AND team_id = ?");
            params.add(filter.teamId());
        }
        if (filter.assigneeId() != null) {
            where.append(" AND assignee_id = ?");
            params.add(filter.assigneeId());
        }
        if (filter.callerId() != null) {
            where.append(" AND caller_id = ?");
            params.add(filter.callerId());
        }
        if (filter.customerId() != null) {
            where.append(" AND customer_id = ?");
            params.add(filter.customerId());
        }
        if (filter.serviceId() != null) {
            where.append(" AND id IN (SELECT incident_id FROM incident_service WHERE service_id = ?)");
            params.add(filter.serviceId());
        }
        if (filter.ciId() != null) {
            where.append(" AND id IN (SELECT incident_id FROM incident_ci WHERE ci_id = ?)");
            params.add(filter.ciId());
        }
        if (filter.major() != null) {
            where.append(" AND major = ?");
            params.add(filter.major());
        }
        if (filter.text() != null) {
            var number = Incident.parseReference(filter.text());
            if (number > 0) {
                where.append(" AND number = ?");
                params.add(number);
            } else {
                where.append(" AND LOWER(title) LIKE ? ESCAPE '\\'");
                searchesTitle = true;
                params.add(Jdbc.likeContains(filter.text().toLowerCase()));
            }
        }
        if (filter.openedFrom() != null) {
            where.append(" AND created_at >= ?");
            params.add(Jdbc.timestamp(filter.openedFrom()));
        }
        if (filter.openedTo() != null) {
            where.append(" AND created_at < ?");
            params.add(Jdbc.timestamp(filter.openedTo()));
        }
        var order = switch (filter.sort()) {
            // Open ones first even when a list shows every state: the work queue and the portal alike.
            // Only open ones asked for: plain priority order, which the open-queue index gives as it is.
            case PRIORITY -> !filter.states().isEmpty() && filter.states().stream().allMatch(IncidentState::open)
                    ? " ORDER BY priority, created_at, id"
                    : " ORDER BY CASE WHEN state IN ('RESOLVED', 'CLOSED') THEN 1 ELSE 0 END, priority, created_at, id";
            case NEWEST -> " ORDER BY created_at DESC, id";
            case UPDATED -> " ORDER BY updated_at DESC, id";
        };
        var pageParams = new ArrayList<Object>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        if (searchesTitle) {
            // Words in the title match anywhere in the table, so the page query reads every match to sort
            // them anyway: it counts them on the way, instead of a second query reading them all again.
            var counted = new long[] {-1};
            var rows = jdbc.sql("SELECT " + COLUMNS + ", COUNT(*) OVER () AS total FROM incident" + where + order
                            + " LIMIT ? OFFSET ?")
                    .params(pageParams).query((rs, n) -> {
                        counted[0] = rs.getLong("total");
                        return incident(rs, n);
                    }).list();
            var total = rows.isEmpty() ? count(where.toString(), params) : counted[0];
            return page.toPage(withLinks(rows), total);
        }
        var linkCount = linkCount(filter);
        var total = linkCount != null
                ? jdbc.sql(linkCount.sql()).param(linkCount.id()).query(Long.class).single()
                : count(where.toString(), params);
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM incident" + where + order + " LIMIT ? OFFSET ?")
                .params(pageParams).query(IncidentRepository::incident).list();
        return page.toPage(withLinks(rows), total);
    }

    private long count(String where, List<Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM incident" + where).params(params).query(Long.class).single();
    }

    /**
     * When a list asks only for the incidents of one service or one CI, their count is that of the
     * links, read from the link table's index alone instead of looking every incident up.
     */
    private static LinkCount linkCount(IncidentFilter filter) {
        var serviceOnly = new IncidentFilter(null, null, null, null, null, null, filter.serviceId(), null, null, null,
                null, null, filter.sort());
        var ciOnly = new IncidentFilter(null, null, null, null, null, null, null, filter.ciId(), null, null, null,
                null, filter.sort());
        if (filter.serviceId() != null && filter.equals(serviceOnly)) {
            return new LinkCount("SELECT COUNT(*) FROM incident_service WHERE service_id = ?", filter.serviceId());
        }
        if (filter.ciId() != null && filter.equals(ciOnly)) {
            return new LinkCount("SELECT COUNT(*) FROM incident_ci WHERE ci_id = ?", filter.ciId());
        }
        return null;
    }

    private record LinkCount(String sql, UUID id) {
    }

    /** Resolved incidents resolved before {@code cutoff}: those due to close. */
    List<UUID> resolvedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT id FROM incident WHERE state = 'RESOLVED' AND resolved_at < ? ORDER BY resolved_at"
                        + " LIMIT ?")
                .params(Jdbc.timestamp(cutoff), limit).query(UUID.class).list();
    }

    void insertEntry(TimelineEntry entry) {
        jdbc.sql("INSERT INTO incident_entry (id, incident_id, at, kind, actor, visible_to_caller, body, from_value,"
                        + " to_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.id(), entry.incidentId(), Jdbc.timestamp(entry.at()), entry.kind().name(),
                        entry.actor(), entry.visibleToCaller(), entry.body(), entry.from(), entry.to())
                .update();
    }

    /** The timeline, oldest first; only what the caller may see when {@code callerView}. */
    public List<TimelineEntry> timeline(UUID incidentId, boolean callerView) {
        return jdbc.sql("SELECT id, incident_id, at, kind, actor, visible_to_caller, body, from_value, to_value"
                        + " FROM incident_entry WHERE incident_id = ?" + (callerView ? " AND visible_to_caller" : "")
                        + " ORDER BY at, seq")
                .param(incidentId)
                .query((rs, n) -> new TimelineEntry(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "incident_id"),
                        Jdbc.instant(rs, "at"), EntryKind.valueOf(rs.getString("kind")), rs.getString("actor"),
                        rs.getBoolean("visible_to_caller"), rs.getString("body"), rs.getString("from_value"),
                        rs.getString("to_value")))
                .list();
    }

    private List<Incident> withLinks(List<Incident> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        var ids = uuids.of(rows.stream().map(Incident::id).toList());
        var cis = links("SELECT incident_id, ci_id AS linked FROM incident_ci", ids);
        var services = links("SELECT incident_id, service_id AS linked FROM incident_service", ids);
        return rows.stream().map(i -> new Incident(i.id(), i.number(), i.title(), i.description(), i.callerId(),
                i.openedBy(), i.openedThrough(), i.category(), i.impact(), i.urgency(), i.priority(), i.major(),
                i.state(), i.holdReason(), i.resolutionCode(), i.resolutionNotes(), i.teamId(), i.assigneeId(),
                i.customerId(), i.startedAt(), i.createdAt(), i.updatedAt(), i.respondedAt(), i.resolvedAt(), i.closedAt(),
                i.version(), cis.getOrDefault(i.id(), List.of()), services.getOrDefault(i.id(), List.of()))).toList();
    }

    /** @param ids the incidents' ids, as {@link ValueList#of} gives them */
    private Map<UUID, List<UUID>> links(String select, Object ids) {
        var result = new HashMap<UUID, List<UUID>>();
        jdbc.sql(select + " WHERE " + uuids.in("incident_id", "ids")).param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "incident_id"), Jdbc.uuid(rs, "linked"))).list()
                .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return result;
    }

    private static String placeholders(int count) {
        return java.util.Collections.nCopies(count, "?").stream().collect(Collectors.joining(", "));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Incident incident(ResultSet rs, int row) throws SQLException {
        var hold = rs.getString("hold_reason");
        var resolution = rs.getString("resolution_code");
        return new Incident(Jdbc.uuid(rs, "id"), rs.getLong("number"), rs.getString("title"),
                rs.getString("description"), Jdbc.uuid(rs, "caller_id"), rs.getString("opened_by"),
                OpenedThrough.valueOf(rs.getString("opened_through")), rs.getString("category"),
                Level.ofRank(rs.getInt("impact")), Level.ofRank(rs.getInt("urgency")),
                Priority.ofRank(rs.getInt("priority")), rs.getBoolean("major"),
                IncidentState.valueOf(rs.getString("state")), hold == null ? null : HoldReason.valueOf(hold),
                resolution == null ? null : ResolutionCode.valueOf(resolution), rs.getString("resolution_notes"),
                Jdbc.uuid(rs, "team_id"), Jdbc.uuid(rs, "assignee_id"), Jdbc.uuid(rs, "customer_id"),
                Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"), Jdbc.instant(rs, "responded_at"),
                Jdbc.instant(rs, "resolved_at"), Jdbc.instant(rs, "closed_at"), rs.getLong("version"), List.of(),
                List.of());
    }
}
