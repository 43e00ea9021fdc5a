package io.opsline.alerting.internal.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/** SQL for the outbox ({@code notification_delivery}) and its log of tries ({@code notification_attempt}). */
@Repository
class DeliveryRepository {

    private static final String COLUMNS = "id, delivery_key, channel_id, recipients, message, status, attempts,"
            + " next_attempt_at, created_at, sent_at, last_error";
    private static final String ATTEMPT_COLUMNS = "id, delivery_id, attempt, node, started_at, duration_ms, succeeded,"
            + " http_status, reply, error";
    /**
     * Due deliveries of one kind, oldest first, locked so that two nodes claiming at once take
     * different ones. H2 locks every row it reads for it, not only those it returns, so on H2 a
     * second claimer in the same process finds nothing until the first commits — slower, still
     * correct (H2 serves one node).
     *
     * <p>Each kind is its own statement, read in the order of the status index. One condition for
     * both (PENDING and due, or SENDING with an expired lease) made PostgreSQL combine two bitmaps
     * of that index and sort; a bitmap scan never marks the entries of rows that have moved on as
     * dead, so every claim visited every delivery sent since the last vacuum (4.4 ms a claim, 4,425
     * such entries, at 120 deliveries a second). Read in order, an entry found dead is marked once.
     */
    private static final String DUE = "SELECT " + COLUMNS + " FROM notification_delivery WHERE status = '%1$s'"
            + " AND %2$s <= :now%3$s ORDER BY %2$s FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ValueList uuids;

    DeliveryRepository(JdbcClient jdbc, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.json = json;
        this.uuids = new ValueList(engine, "uuid");
    }

    /**
     * Queues a delivery unless one with its key exists. ON CONFLICT DO NOTHING (which H2 knows in
     * PostgreSQL mode) rather than catching a duplicate key: on PostgreSQL a failed statement would
     * abort the caller's whole transaction.
     */
    boolean insert(UUID id, NotificationRequest request, Instant now) {
        return jdbc.sql("INSERT INTO notification_delivery (id, delivery_key, channel_id, alert_id, kind, thread_key,"
                + " recipients, message, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING")
                .params(id, request.deliveryKey(), request.channelId(), request.message().alertId(),
                        request.message().kind().name(), request.message().threadKey(),
                        String.join(",", request.recipients()), json.writeValueAsString(request.message()),
                        Jdbc.timestamp(now), Jdbc.timestamp(now))
                .update() == 1;
    }

    /**
     * The pages (TRIGGERED and ESCALATED messages) of a thread that were sent or are still being
     * tried, oldest first, through channels that want follow-ups. A page given up on (FAILED) reached
     * nobody, so nobody is to be told it is over.
     */
    List<Delivery> pagesToFollowUp(String threadKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE thread_key = ?"
                + " AND kind IN ('TRIGGERED', 'ESCALATED') AND status <> 'FAILED'"
                + " AND channel_id IN (SELECT id FROM notification_channel WHERE follow_ups = TRUE)"
                + " ORDER BY created_at, id")
                .param(threadKey).query(this::map).list();
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code node} until {@code now + lease}, leaving
     * out those for the {@code busy} channels, and counts the try. Call inside a transaction, and
     * commit before sending.
     */
    List<Delivery> claim(String node, Instant now, Duration lease, int limit, Collection<UUID> busy) {
        var params = new HashMap<String, Object>();
        params.put("now", Jdbc.timestamp(now));
        params.put("limit", limit);
        var skip = "";
        if (!busy.isEmpty()) {
            skip = " AND " + uuids.notIn("channel_id", "busy");
            params.put("busy", uuids.of(busy));
        }
        // Leases that ran out first: their node stopped while sending, so they are the oldest due.
        var due = new ArrayList<>(jdbc.sql(DUE.formatted("SENDING", "lease_until", skip)).params(params)
                .query(this::map).list());
        if (due.size() < limit) {
            params.put("limit", limit - due.size());
            due.addAll(jdbc.sql(DUE.formatted("PENDING", "next_attempt_at", skip)).params(params).query(this::map).list());
        }
        if (due.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE notification_delivery SET status = 'SENDING', lease_owner = :node, lease_until = :until,"
                + " attempts = attempts + 1 WHERE " + uuids.in("id", "ids"))
                .param("node", node).param("until", Jdbc.timestamp(now.plus(lease)))
                .param("ids", uuids.of(due.stream().map(Delivery::id).toList())).update();
        return due.stream().map(d -> new Delivery(d.id(), d.deliveryKey(), d.channelId(), d.recipients(), d.message(),
                DeliveryStatus.SENDING, d.attempts() + 1, d.nextAttemptAt(), d.createdAt(), null, d.lastError()))
                .toList();
    }

    /** Marks a delivery sent, if {@code node} still holds it. */
    boolean sent(UUID id, String node, Instant now) {
        return jdbc.sql("UPDATE notification_delivery SET status = 'SENT', sent_at = ?, lease_owner = NULL,"
                + " lease_until = NULL, last_error = NULL WHERE id = ? AND status = 'SENDING' AND lease_owner = ?")
                .params(Jdbc.timestamp(now), id, node).update() == 1;
    }

    /** Records a failed try: due again at {@code retryAt}, or FAILED when that is null; if {@code node} still holds it. */
    boolean failed(UUID id, String node, Instant retryAt, String error) {
        return jdbc.sql("UPDATE notification_delivery SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
                + " lease_owner = NULL, lease_until = NULL, last_error = ?"
                + " WHERE id = ? AND status = 'SENDING' AND lease_owner = ?")
                .params(retryAt == null ? DeliveryStatus.FAILED.name() : DeliveryStatus.PENDING.name(),
                        Jdbc.timestamp(retryAt), error, id, node)
                .update() == 1;
    }

    /**
     * Extends a node's claim on a delivery it is about to send; false when the node no longer holds
     * it (another node took it over once the lease ran out, or it was deleted with its channel).
     */
    boolean renew(UUID id, String node, Instant until) {
        return jdbc.sql("UPDATE notification_delivery SET lease_until = ? WHERE id = ? AND status = 'SENDING'"
                + " AND lease_owner = ?").params(Jdbc.timestamp(until), id, node).update() == 1;
    }

    /** Gives back a claimed delivery that was never tried (the node is stopping), uncounting the try. */
    void release(UUID id, String node) {
        jdbc.sql("UPDATE notification_delivery SET status = 'PENDING', attempts = attempts - 1, lease_owner = NULL,"
                + " lease_until = NULL WHERE id = ? AND status = 'SENDING' AND lease_owner = ?")
                .params(id, node).update();
    }

    /** Makes a FAILED delivery due now with a fresh set of tries; false when it is not FAILED. */
    boolean retry(UUID id, Instant now) {
        return jdbc.sql("UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?"
                + " WHERE id = ? AND status = 'FAILED'")
                .params(Jdbc.timestamp(now), id).update() == 1;
    }

    /** Logs a try, unless its delivery is gone (its channel was deleted meanwhile). */
    void log(DeliveryAttempt attempt, UUID channelId) {
        jdbc.sql("INSERT INTO notification_attempt (" + ATTEMPT_COLUMNS + ", channel_id)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM notification_delivery WHERE id = ?")
                .params(attempt.id(), attempt.deliveryId(), attempt.attempt(), attempt.node(),
                        Jdbc.timestamp(attempt.startedAt()), attempt.durationMillis(), attempt.succeeded(),
                        attempt.httpStatus(), attempt.reply(), attempt.error(), channelId, attempt.deliveryId())
                .update();
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    Optional<Delivery> findByKey(String deliveryKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE delivery_key = ?").param(deliveryKey)
                .query(this::map).optional();
    }

    List<DeliveryAttempt> attempts(UUID deliveryId) {
        return jdbc.sql("SELECT " + ATTEMPT_COLUMNS + " FROM notification_attempt WHERE delivery_id = ?"
                + " ORDER BY started_at, attempt").param(deliveryId).query(DeliveryRepository::attempt).list();
    }

    /** Deliveries newest first, each filter applied when not null. */
    Page<Delivery> page(UUID channelId, DeliveryStatus status, UUID alertId, PageRequest page) {
        return page(channelId, status, alertId, "", page);
    }

    /** Deliveries that failed first, then the rest, each part newest first; each filter applied when not null. */
    Page<Delivery> pageFailedFirst(UUID channelId, DeliveryStatus status, PageRequest page) {
        return page(channelId, status, null, "CASE WHEN status = 'FAILED' THEN 0 ELSE 1 END, ", page);
    }

    private Page<Delivery> page(UUID channelId, DeliveryStatus status, UUID alertId, String orderFirst,
            PageRequest page) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        if (channelId != null) {
            where.add("channel_id = :channel");
            params.put("channel", channelId);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status.name());
        }
        if (alertId != null) {
            where.add("alert_id = :alert");
            params.put("alert", alertId);
        }
        var filter = where.isEmpty() ? "" : " WHERE " + where.stream().collect(Collectors.joining(" AND "));
        var total = jdbc.sql("SELECT COUNT(*) FROM notification_delivery" + filter).params(params).query(Long.class)
                .single();
        params.put("offset", page.offset());
        params.put("size", page.size());
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery" + filter
                + " ORDER BY " + orderFirst + "created_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params).query(this::map).list();
        return page.toPage(items, total);
    }

    /** A channel's health from its tries since its last success (and that success). */
    ChannelHealth health(UUID channelId, int failingAfter) {
        var lastSuccess = jdbc.sql("SELECT started_at FROM notification_attempt"
                + " WHERE channel_id = ? AND succeeded = TRUE ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(channelId).query((rs, n) -> Jdbc.instant(rs, "started_at")).optional().orElse(null);
        var since = Jdbc.timestamp(lastSuccess == null ? Instant.EPOCH : lastSuccess);
        var failures = jdbc.sql("SELECT COUNT(*) FROM notification_attempt"
                + " WHERE channel_id = ? AND succeeded = FALSE AND started_at > ?").params(channelId, since)
                .query(Long.class).single().intValue();
        var lastFailure = jdbc.sql("SELECT started_at, error FROM notification_attempt"
                + " WHERE channel_id = ? AND succeeded = FALSE ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(channelId).query((rs, n) -> new Failure(Jdbc.instant(rs, "started_at"), rs.getString("error")))
                .optional();
        ChannelHealth.Status status;
        if (failures >= failingAfter) {
            status = ChannelHealth.Status.FAILING;
        } else if (lastSuccess == null && lastFailure.isEmpty()) {
            status = ChannelHealth.Status.UNTESTED;
        } else {
            status = ChannelHealth.Status.OK;
        }
        return new ChannelHealth(status, failures, lastSuccess, lastFailure.map(Failure::at).orElse(null),
                lastFailure.map(Failure::error).orElse(null));
    }

    private record Failure(Instant at, String error) {
    }

    private Delivery map(ResultSet rs, int n) throws SQLException {
        var recipients = rs.getString("recipients");
        return new Delivery(Jdbc.uuid(rs, "id"), rs.getString("delivery_key"), Jdbc.uuid(rs, "channel_id"),
                recipients.isEmpty() ? List.of() : List.of(recipients.split(",")),
                json.readValue(rs.getString("message"), NotificationMessage.class),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Jdbc.instant(rs, "next_attempt_at"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"),
                rs.getString("last_error"));
    }

    private static DeliveryAttempt attempt(ResultSet rs, int n) throws SQLException {
        return new DeliveryAttempt(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "delivery_id"), rs.getInt("attempt"),
                rs.getString("node"), Jdbc.instant(rs, "started_at"), rs.getLong("duration_ms"),
                rs.getBoolean("succeeded"), rs.getObject("http_status", Integer.class), rs.getString("reply"),
                rs.getString("error"));
    }
}
