package io.opsline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** SQL for {@code audit_record} and the chain head {@code audit_chain}. */
@Repository
public class AuditRepository {

    private static final String COLUMNS = "seq, occurred_at, actor, channel, credential, remote_address, action,"
            + " entity_type, entity_id, summary, before_state, after_state, prev_hash, hash";
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AuditRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The chain head, locked until the transaction ends so appends from any node are serialised. */
    public ChainHead lockHead() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
    }

    public ChainHead head() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1")
                .query((rs, n) -> new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
    }

    public void append(List<AuditRecord> records) {
        var sql = "INSERT INTO audit_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        for (int from = 0; from < records.size(); from += BATCH) {
            var chunk = records.subList(from, Math.min(records.size(), from + BATCH));
            template.batchUpdate(sql, chunk.stream().map(r -> new Object[] {r.seq(), Jdbc.timestamp(r.occurredAt()),
                    r.actor(), r.channel(), r.credential(), r.remoteAddress(), r.action(), r.entityType(),
                    r.entityId(), r.summary(), r.before(), r.after(), r.prevHash(), r.hash()}).toList());
        }
        var last = records.getLast();
        jdbc.sql("UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE id = 1").params(last.seq(), last.hash())
                .update();
    }

    public Page<AuditRecord> search(AuditQuery query, PageRequest page) {
        var where = new ArrayList<Object>();
        var clause = where(query, where);
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_record" + clause).params(where).query(Long.class).single();
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM audit_record" + clause + " ORDER BY seq DESC LIMIT ? OFFSET ?")
                .params(where).param(page.size()).param(page.offset()).query(AuditRepository::map).list();
        return page.toPage(items, total);
    }

    /** Every matching record, newest first, read in pages so memory stays flat. */
    public void forEach(AuditQuery query, Consumer<AuditRecord> consumer) {
        var params = new ArrayList<Object>();
        var clause = where(query, params);
        long before = Long.MAX_VALUE;
        while (true) {
            var batch = jdbc.sql("SELECT " + COLUMNS + " FROM audit_record" + clause
                    + (clause.isEmpty() ? " WHERE" : " AND") + " seq < ? ORDER BY seq DESC LIMIT " + BATCH)
                    .params(params).param(before).query(AuditRepository::map).list();
            batch.forEach(consumer);
            if (batch.size() < BATCH) {
                return;
            }
            before = batch.getLast().seq();
        }
    }

    /** Records in chain order after {@code afterSeq}, at most {@code limit}. */
    public List<AuditRecord> chainSlice(long afterSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_record WHERE seq > ? ORDER BY seq LIMIT ?")
                .params(afterSeq, limit).query(AuditRepository::map).list();
    }

    private static String where(AuditQuery q, List<Object> params) {
        var sql = new StringBuilder();
        if (q.actor() != null && !q.actor().isBlank()) {
            sql.append(" AND LOWER(actor) = ?");
            params.add(q.actor().trim().toLowerCase());
        }
        if (q.action() != null && !q.action().isBlank()) {
            sql.append(" AND action LIKE ? ESCAPE '\\'");
            params.add(q.action().trim().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.entityType() != null && !q.entityType().isBlank()) {
            sql.append(" AND entity_type = ?");
            params.add(q.entityType().trim());
        }
        if (q.entityId() != null && !q.entityId().isBlank()) {
            sql.append(" AND entity_id = ?");
            params.add(q.entityId().trim());
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(Jdbc.timestamp(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(Jdbc.timestamp(q.to()));
        }
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" AND LOWER(summary) LIKE ? ESCAPE '\\'");
            params.add(Jdbc.likeContains(q.text().trim().toLowerCase()));
        }
        return sql.isEmpty() ? "" : " WHERE" + sql.substring(4);
    }

    private static AuditRecord map(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), Jdbc.instant(rs, "occurred_at"), rs.getString("actor"),
                rs.getString("channel"), rs.getString("credential"), rs.getString("remote_address"),
                rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getString("summary"), rs.getString("before_state"), rs.getString("after_state"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }

    /** The last record of the chain as the head row remembers it. */
    public record ChainHead(long lastSeq, String lastHash) {
    }
}
