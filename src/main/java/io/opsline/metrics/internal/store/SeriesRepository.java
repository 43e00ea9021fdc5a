package io.opsline.metrics.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import io.opsline.metrics.Labels;

/** SQL for {@code metric_series} and the names of their sources, {@code metric_source}. */
final class SeriesRepository {

    private static final Logger log = LoggerFactory.getLogger(SeriesRepository.class);

    private static final int BATCH = 500;
    /** How often series another node is inserting are asked for, a millisecond apart, before they are given up. */
    private static final int RACE_ATTEMPTS = 50;
    private static final long RACE_WAIT_NANOS = 1_000_000;
    /** Another node may have created the same series a moment ago; its row wins and is read back. */
    private static final String INSERT = "INSERT INTO metric_series (labels_key, labels, source_id) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT s.id, s.labels, src.name FROM metric_series s"
            + " JOIN metric_source src ON src.id = s.source_id";

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
                (RowCallbackHandler) rs -> consumer.accept(row(rs)), afterId);
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
     * insert commits or rolls back, so that it is never taken for one over its source's limit. A
     * series whose key another series has is not created and said so in a warning.
     */
    Created create(List<Labels> series, String source) {
        var rows = new ArrayList<Row>(series.size());
        var inserted = 0;
        var sourceId = sourceId(source);
        for (var start = 0; start < series.size(); start += BATCH) {
            var pending = new HashMap<String, Object[]>();
            for (var labels : series.subList(start, Math.min(start + BATCH, series.size()))) {
                var text = labels.toString();
                pending.put(text, new Object[] {SeriesKey.of(text), text, sourceId});
            }
            for (var attempt = 1; !pending.isEmpty() && attempt <= RACE_ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    LockSupport.parkNanos(RACE_WAIT_NANOS);
                }
                for (var count : template.batchUpdate(INSERT, List.copyOf(pending.values()))) {
                    inserted += Math.max(0, count);
                }
                var placeholders = String.join(",", Collections.nCopies(pending.size(), "?"));
                template.query(SELECT + " WHERE s.labels_key IN (" + placeholders + ")",
                        (RowCallbackHandler) rs -> {
                            // Another series' row under the same key is not this series (see SeriesKey).
                            if (pending.remove(rs.getString(2)) != null) {
                                rows.add(row(rs));
                            }
                        }, pending.values().stream().map(insert -> insert[0]).toArray());
            }
            if (!pending.isEmpty()) {
                log.warn("Could not create {} series of {}, e.g. {}: another series has the same key, or another node's"
                        + " insert of it neither committed nor rolled back in time", pending.size(), source,
                        pending.keySet().iterator().next());
            }
        }
        return new Created(rows, inserted);
    }

    /** A row of {@link #SELECT}. */
    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), LabelsText.parse(rs.getString(2)), rs.getString(3));
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
}
