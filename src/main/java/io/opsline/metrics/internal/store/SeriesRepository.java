package io.opsline.metrics.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import io.opsline.metrics.Labels;

/** SQL for {@code metric_series} and the names of their sources, {@code metric_source}. */
final class SeriesRepository {

    private static final int BATCH = 500;
    /** How often series another node is inserting are asked for, a millisecond apart, before they are given up. */
    private static final int RACE_ATTEMPTS = 50;
    private static final long RACE_WAIT_NANOS = 1_000_000;
    /** Another node may have created the same series a moment ago; its row wins and is read back. */
    private static final String INSERT = "INSERT INTO metric_series (labels_hash, labels, source_id) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT s.id, s.labels, src.name FROM metric_series s"
            + " JOIN metric_source src ON src.id = s.source_id";
    /** Bytes of SHA-256 kept as the labels' key: 128 bits keep them apart, in half the index. */
    private static final int HASH_BYTES = 16;

    private final JdbcTemplate template;

    SeriesRepository(JdbcTemplate template) {
        this.template = template;
    }

    /** A series as its row says. */
    record Row(long id, Labels labels, String source) {
    }

    /** Hands every series with an id above {@code afterId} to the consumer, in id order. */
    void readAfter(long afterId, Consumer<Row> consumer) {
        template.query(SELECT + " WHERE s.id > ? ORDER BY s.id",
                (RowCallbackHandler) rs -> consumer.accept(
                        new Row(rs.getLong(1), LabelsText.parse(rs.getString(2)), rs.getString(3))),
                afterId);
    }

    /** The rows of series asked for, and how many of them this call inserted. */
    record Created(List<Row> rows, int inserted) {
    }

    /**
     * Creates the series that do not exist yet and returns the rows of all of them, in no order;
     * those another node created first keep that node's source.
     *
     * <p>A series another node is inserting at the same moment may be neither inserted here (its key
     * is taken) nor readable yet (not committed): it is asked for again, briefly, until that node's
     * insert commits or rolls back, so that it is never taken for one over its source's limit.
     */
    Created create(List<Labels> series, String source) {
        var rows = new ArrayList<Row>(series.size());
        var inserted = 0;
        var sourceId = sourceId(source);
        for (var start = 0; start < series.size(); start += BATCH) {
            var pending = new HashMap<String, Object[]>();
            for (var labels : series.subList(start, Math.min(start + BATCH, series.size()))) {
                var text = labels.toString();
                pending.put(text, new Object[] {hash(text), text, sourceId});
            }
            for (var attempt = 1; !pending.isEmpty() && attempt <= RACE_ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    LockSupport.parkNanos(RACE_WAIT_NANOS);
                }
                for (var count : template.batchUpdate(INSERT, List.copyOf(pending.values()))) {
                    inserted += Math.max(0, count);
                }
                var placeholders = String.join(",", Collections.nCopies(pending.size(), "?"));
                template.query(SELECT + " WHERE s.labels_hash IN (" + placeholders + ")",
                        (RowCallbackHandler) rs -> {
                            var row = new Row(rs.getLong(1), LabelsText.parse(rs.getString(2)), rs.getString(3));
                            rows.add(row);
                            pending.remove(rs.getString(2));
                        }, pending.values().stream().map(insert -> insert[0]).toArray());
            }
        }
        return new Created(rows, inserted);
    }

    /**
     * The id of a source's name, made when it is first seen (by this node or another). Asked for at
     * each creation, not kept: series are created seldom, and an id kept from a transaction that
     * rolled back would name no source.
     */
    private int sourceId(String source) {
        var select = "SELECT id FROM metric_source WHERE name = ?";
        var found = template.queryForList(select, Integer.class, source);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        template.update("INSERT INTO metric_source (name) VALUES (?) ON CONFLICT DO NOTHING", source);
        return template.queryForObject(select, Integer.class, source);
    }

    private static byte[] hash(String text) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)),
                    HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
