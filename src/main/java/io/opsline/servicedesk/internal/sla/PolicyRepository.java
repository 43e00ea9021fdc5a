package io.opsline.servicedesk.internal.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.Priority;

/** SQL for {@code sla_policy}. */
@Repository
class PolicyRepository {

    private static final String COLUMNS = "id, name, priority, service_id, customer_id, calendar_id, response_target_ms,"
            + " resolution_target_ms, warning_percent, created_at, updated_at, version";
    private static final String ANY_SERVICE = "any";

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SlaPolicy> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sla_policy"
                        + " ORDER BY priority, customer_id NULLS FIRST, service_id NULLS FIRST, LOWER(name)")
                .query(PolicyRepository::policy).list();
    }

    Optional<SlaPolicy> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sla_policy WHERE id = ?").param(id)
                .query(PolicyRepository::policy).optional();
    }

    /** The policy for this priority and scope (the general one when both are null). */
    Optional<SlaPolicy> findFor(Priority priority, UUID serviceId, UUID customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sla_policy WHERE priority = ? AND scope = ?")
                .params(priority.rank(), scope(serviceId, customerId)).query(PolicyRepository::policy).optional();
    }

    /** The policies of this priority that are general, for one of these services or for this customer. */
    List<SlaPolicy> candidates(Priority priority, Collection<UUID> serviceIds, UUID customerId) {
        var scopes = new ArrayList<String>();
        scopes.add(ANY_SERVICE);
        serviceIds.forEach(id -> scopes.add(id.toString()));
        if (customerId != null) {
            scopes.add(customerId.toString());
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM sla_policy WHERE priority = :priority AND scope IN (:scopes)")
                .param("priority", priority.rank()).param("scopes", scopes).query(PolicyRepository::policy).list();
    }

    void insert(SlaPolicy policy) {
        jdbc.sql("INSERT INTO sla_policy (" + COLUMNS + ", scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(policy.id(), policy.name(), policy.priority().rank(), policy.serviceId(), policy.customerId(),
                        policy.calendarId(), policy.responseTarget().toMillis(), policy.resolutionTarget().toMillis(),
                        policy.warningPercent(), Jdbc.timestamp(policy.createdAt()),
                        Jdbc.timestamp(policy.updatedAt()), policy.version(),
                        scope(policy.serviceId(), policy.customerId()))
                .update();
    }

    /** Stores a change made on top of {@code after.version() - 1}; false when someone changed it meanwhile. */
    boolean update(SlaPolicy after) {
        return jdbc.sql("UPDATE sla_policy SET name = ?, priority = ?, service_id = ?, customer_id = ?, scope = ?,"
                        + " calendar_id = ?, response_target_ms = ?, resolution_target_ms = ?, warning_percent = ?,"
                        + " updated_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.name(), after.priority().rank(), after.serviceId(), after.customerId(),
                        scope(after.serviceId(), after.customerId()), after.calendarId(),
                        after.responseTarget().toMillis(), after.resolutionTarget().toMillis(), after.warningPercent(), Jdbc.timestamp(after.updatedAt()), after.version(), after.id(),
                        after.version() - 1)
                .update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM sla_policy WHERE id = ?").param(id).update() == 1;
    }

    /** 'any', the service's id or the customer's: a policy is for at most one of the two. */
    private static String scope(UUID serviceId, UUID customerId) {
        if (customerId != null) {
            return customerId.toString();
        }
        return serviceId == null ? ANY_SERVICE : serviceId.toString();
    }

    private static SlaPolicy policy(ResultSet rs, int row) throws SQLException {
        return new SlaPolicy(Jdbc.uuid(rs, "id"), rs.getString("name"), Priority.ofRank(rs.getInt("priority")),
                Jdbc.uuid(rs, "service_id"), Jdbc.uuid(rs, "customer_id"), Jdbc.uuid(rs, "calendar_id"),
                Duration.ofMillis(rs.getLong("response_target_ms")), Duration.ofMillis(rs.getLong("resolution_target_ms")),
                rs.getInt("warning_percent"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
