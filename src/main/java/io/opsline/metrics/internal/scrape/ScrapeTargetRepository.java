package io.opsline.metrics.internal.scrape;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code metric_scrape_target}: configuration, leases and health. */
@Repository
class ScrapeTargetRepository {

    private static final String COLUMNS = "id, name, url, interval_ms, timeout_ms, labels, keep_names, drop_names,"
            + " enabled, version, created_at, updated_at, lease_node, lease_until, last_scrape_at, last_duration_ms,"
            + " last_samples, up, last_error, rejected_total, last_rejection, auth_kind, auth_username,"
            + " auth_secret IS NOT NULL AS secret_set, tls_ca, tls_skip_verify, tls_client_cert,"
            + " tls_client_key IS NOT NULL AS client_key_set";
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> PATTERNS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScrapeTargetRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new target with its secrets sealed. */
    void insert(ScrapeTarget target, ScrapeAccessRules.Valid sealed) {
        var access = target.access();
        jdbc.sql("INSERT INTO metric_scrape_target (id, name, url, interval_ms, timeout_ms, labels, keep_names,"
                + " drop_names, enabled, version, created_at, updated_at, auth_kind, auth_username, auth_secret, tls_ca,"
                + " tls_skip_verify, tls_client_cert, tls_client_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(target.id(), target.name(), target.url(), target.intervalMs(), target.timeoutMs(),
                        json.writeValueAsString(target.labels()), json.writeValueAsString(target.keep()),
                        json.writeValueAsString(target.drop()), target.enabled(), target.version(),
                        Jdbc.timestamp(target.createdAt()), Jdbc.timestamp(target.updatedAt()), access.auth().name(),
                        access.username(), sealed.sealedSecret(), access.caCertificate(), access.insecureSkipVerify(),
                        access.clientCertificate(), sealed.sealedClientKey())
                .update();
    }

    /** Stores a change made on the version before it; false when someone changed the target meanwhile. */
    boolean update(ScrapeTarget target, ScrapeAccessRules.Valid sealed) {
        var access = target.access();
        return jdbc.sql("UPDATE metric_scrape_target SET name = ?, url = ?, interval_ms = ?, timeout_ms = ?,"
                + " labels = ?, keep_names = ?, drop_names = ?, enabled = ?, version = ?, updated_at = ?, auth_kind = ?,"
                + " auth_username = ?, auth_secret = ?, tls_ca = ?, tls_skip_verify = ?, tls_client_cert = ?,"
                + " tls_client_key = ? WHERE id = ? AND version = ?")
                .params(target.name(), target.url(), target.intervalMs(), target.timeoutMs(),
                        json.writeValueAsString(target.labels()), json.writeValueAsString(target.keep()),
                        json.writeValueAsString(target.drop()), target.enabled(), target.version(),
                        Jdbc.timestamp(target.updatedAt()), access.auth().name(), access.username(),
                        sealed.sealedSecret(), access.caCertificate(), access.insecureSkipVerify(),
                        access.clientCertificate(), sealed.sealedClientKey(), target.id(), target.version() - 1)
                .update() == 1;
    }

    /** The sealed password or token of a target that authenticates this way; null when it has none. */
    String storedSecret(UUID id, ScrapeAccess.Auth auth) {
        var found = jdbc.sql("SELECT auth_secret FROM metric_scrape_target WHERE id = ? AND auth_kind = ?")
                .params(id, auth.name()).query(String.class).list();
        return found.isEmpty() ? null : found.getFirst();
    }

    /** The sealed private key of a target's client certificate; null when it has none. */
    String storedClientKey(UUID id) {
        var found = jdbc.sql("SELECT tls_client_key FROM metric_scrape_target WHERE id = ?").param(id)
                .query(String.class).list();
        return found.isEmpty() ? null : found.getFirst();
    }

    boolean delete(UUID id, long version) {
        return jdbc.sql("DELETE FROM metric_scrape_target WHERE id = ? AND version = ?").params(id, version)
                .update() == 1;
    }

    Optional<ScrapeTarget> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_scrape_target WHERE id = ?").param(id)
                .query(this::map).optional();
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM metric_scrape_target WHERE name = ? AND id <> ?")
                .params(name, except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    List<ScrapeTarget> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_scrape_target ORDER BY name").query(this::map).list();
    }

    /** Extends the leases this node holds on enabled targets; a lease another node took over is not its to renew. */
    void renew(String node, Instant until) {
        jdbc.sql("UPDATE metric_scrape_target SET lease_until = ? WHERE lease_node = ? AND enabled = TRUE")
                .params(Jdbc.timestamp(until), node).update();
    }

    /** Enabled targets no node holds a lease on at {@code now}. */
    List<UUID> unclaimed(Instant now) {
        return jdbc.sql("SELECT id FROM metric_scrape_target WHERE enabled = TRUE"
                + " AND (lease_node IS NULL OR lease_until < ?)")
                .param(Jdbc.timestamp(now)).query((rs, n) -> Jdbc.uuid(rs, "id")).list();
    }

    /**
     * Claims a target for this node when nobody's lease holds at {@code now}; the condition is checked
     * again on the locked row, so of nodes claiming at once exactly one gets it.
     */
    boolean claim(UUID id, String node, Instant now, Instant until) {
        return jdbc.sql("UPDATE metric_scrape_target SET lease_node = ?, lease_until = ? WHERE id = ?"
                + " AND enabled = TRUE AND (lease_node IS NULL OR lease_until < ?)")
                .params(node, Jdbc.timestamp(until), id, Jdbc.timestamp(now)).update() == 1;
    }

    /** The enabled targets this node's lease holds on. */
    List<ScrapeTarget> leasedBy(String node) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_scrape_target WHERE lease_node = ? AND enabled = TRUE")
                .param(node).query(this::map).list();
    }

    /** Ids of the targets that exist and are enabled, whoever scrapes them. */
    Set<UUID> enabledIds() {
        return Set.copyOf(jdbc.sql("SELECT id FROM metric_scrape_target WHERE enabled = TRUE")
                .query((rs, n) -> Jdbc.uuid(rs, "id")).list());
    }

    /** Gives up this node's leases, as on shutdown, so that another node takes its targets over at once. */
    void release(String node) {
        jdbc.sql("UPDATE metric_scrape_target SET lease_node = NULL, lease_until = NULL WHERE lease_node = ?")
                .param(node).update();
        jdbc.sql("DELETE FROM metric_scrape_node WHERE node = ?").param(node).update();
    }

    /** Gives up this node's lease on one target, for a node with fewer to take it. */
    void giveBack(UUID id, String node) {
        jdbc.sql("UPDATE metric_scrape_target SET lease_node = NULL, lease_until = NULL WHERE id = ? AND lease_node = ?")
                .params(id, node).update();
    }

    /**
     * Says that this node scrapes and will say so again before {@code until}; forgets nodes that did
     * not keep that promise.
     *
     * @return how many nodes scrape now, this one included
     */
    int alive(String node, Instant now, Instant until) {
        if (jdbc.sql("UPDATE metric_scrape_node SET alive_until = ? WHERE node = ?")
                .params(Jdbc.timestamp(until), node).update() == 0) {
            jdbc.sql("INSERT INTO metric_scrape_node (node, alive_until) VALUES (?, ?)")
                    .params(node, Jdbc.timestamp(until)).update();
        }
        jdbc.sql("DELETE FROM metric_scrape_node WHERE alive_until < ?").param(Jdbc.timestamp(now)).update();
        return jdbc.sql("SELECT COUNT(*) FROM metric_scrape_node").query(Integer.class).single();
    }

    /** Records a scrape's outcome, when this node still holds the target. */
    void recordScrape(UUID id, String node, ScrapeOutcome outcome) {
        jdbc.sql("UPDATE metric_scrape_target SET last_scrape_at = ?, last_duration_ms = ?, last_samples = ?, up = ?,"
                + " last_error = ?, rejected_total = rejected_total + ?,"
                + " last_rejection = COALESCE(?, last_rejection)"
                + " WHERE id = ? AND lease_node = ?")
                .params(Jdbc.timestamp(outcome.at()), outcome.durationMs(), outcome.samples(), outcome.up(),
                        outcome.error(), outcome.rejected(), outcome.rejection(), id, node)
                .update();
    }

    private ScrapeTarget map(ResultSet rs, int row) throws SQLException {
        var health = new ScrapeHealth(Jdbc.instant(rs, "last_scrape_at"), nullableLong(rs, "last_duration_ms"),
                (Integer) rs.getObject("last_samples", Integer.class), (Boolean) rs.getObject("up", Boolean.class),
                rs.getString("last_error"), rs.getLong("rejected_total"), rs.getString("last_rejection"),
                rs.getString("lease_node"));
        return new ScrapeTarget(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("url"),
                rs.getLong("interval_ms"), rs.getLong("timeout_ms"), json.readValue(rs.getString("labels"), LABELS),
                json.readValue(rs.getString("keep_names"), PATTERNS), json.readValue(rs.getString("drop_names"), PATTERNS),
                new ScrapeAccess(ScrapeAccess.Auth.valueOf(rs.getString("auth_kind")), rs.getString("auth_username"),
                        rs.getBoolean("secret_set"), rs.getString("tls_ca"), rs.getBoolean("tls_skip_verify"),
                        rs.getString("tls_client_cert"), rs.getBoolean("client_key_set")),
                rs.getBoolean("enabled"), rs.getLong("version"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), health);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Long.class);
    }
}
