package io.opsline.monitoring.internal.series;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;

/** SQL for {@code check_sample}: appended in large batches, read back condensed into time buckets. */
@Repository
public class SampleRepository implements SampleStore {

    private static final int BATCH = 1000;
    private static final Comparator<String> LABEL_ORDER = String.CASE_INSENSITIVE_ORDER
            .thenComparing(Comparator.naturalOrder());
    private static final String INSERT = "INSERT INTO check_sample (check_id, label, unit, at, sample_value)"
            + " VALUES (?, ?, ?, ?, ?)";
    /**
     * Both engines give EXTRACT(EPOCH ...) as a decimal number of seconds; from there on it is whole
     * milliseconds, so the bucket number is an integer division that both compute alike.
     */
    private static final String BUCKETS = "SELECT (CAST(FLOOR(EXTRACT(EPOCH FROM at) * 1000) AS BIGINT) - ?) / ?"
            + " AS bucket, MIN(sample_value) AS low, AVG(sample_value) AS mean, MAX(sample_value) AS high,"
            + " COUNT(*) AS samples FROM check_sample WHERE check_id = ? AND label = ? AND at >= ? AND at < ?"
            + " GROUP BY bucket ORDER BY bucket";
    /**
     * Each label found by one index lookup for the next larger one, rather than by reading all of a
     * check's samples; and its unit from its latest sample.
     */
    private static final String LABELS = """
            WITH RECURSIVE labels (label) AS (
                SELECT MIN(label) FROM check_sample WHERE check_id = ?
                UNION ALL
                SELECT (SELECT MIN(s.label) FROM check_sample s WHERE s.check_id = ? AND s.label > l.label)
                FROM labels l WHERE l.label IS NOT NULL
            )
            SELECT l.label, (SELECT s.unit FROM check_sample s WHERE s.check_id = ? AND s.label = l.label
                             ORDER BY s.at DESC FETCH FIRST 1 ROW ONLY) AS unit
            FROM labels l WHERE l.label IS NOT NULL""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final String deleteOldest;

    SampleRepository(JdbcClient jdbc, JdbcTemplate template, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.deleteOldest = switch (engine) {
            case H2 -> "DELETE FROM check_sample WHERE at < ? FETCH FIRST ? ROWS ONLY";
            // PostgreSQL has no DELETE ... LIMIT. The rows are picked by ctid through the index on at,
            // skipping rows another node is deleting at the same time.
            case POSTGRESQL -> "DELETE FROM check_sample WHERE ctid = ANY (ARRAY (SELECT ctid FROM check_sample"
                    + " WHERE at < ? LIMIT ? FOR UPDATE SKIP LOCKED))";
        };
    }

    @Override
    public void appendAll(Collection<Sample> samples) {
        var rows = new ArrayList<Object[]>(Math.min(samples.size(), BATCH));
        for (var s : samples) {
            rows.add(new Object[] {s.checkId(), s.label(), s.unit(), Jdbc.timestamp(s.at()), s.value()});
            if (rows.size() == BATCH) {
                template.batchUpdate(INSERT, rows);
                rows.clear();
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate(INSERT, rows);
        }
    }

    @Override
    public List<Series> query(UUID checkId, String label, Instant from, Instant to, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, not " + maxPoints);
        }
        var start = from.toEpochMilli();
        // The end rounded up to a whole millisecond, so that the last sample's bucket is the last bucket.
        var range = Math.max(1, to.plusNanos(999_999).toEpochMilli() - start);
        var width = Math.ceilDiv(range, maxPoints * 1000L) * 1000L;
        var series = new ArrayList<Series>();
        for (var known : labelsWithUnits(checkId)) {
            if (label != null && !label.equals(known.label())) {
                continue;
            }
            var points = jdbc.sql(BUCKETS)
                    .params(start, width, checkId, known.label(), Jdbc.timestamp(from), Jdbc.timestamp(to))
                    .query((rs, n) -> new Series.Point(Instant.ofEpochMilli(start + rs.getLong("bucket") * width),
                            rs.getDouble("low"), rs.getDouble("mean"), rs.getDouble("high"), rs.getLong("samples")))
                    .list();
            if (!points.isEmpty()) {
                series.add(new Series(known.label(), known.unit(), points));
            }
        }
        return series;
    }

    @Override
    public List<String> labels(UUID checkId) {
        return labelsWithUnits(checkId).stream().map(Label::label).toList();
    }

    /**
     * Deletes at most {@code limit} samples taken before {@code cutoff}, oldest first as far as
     * the engine finds them so, and says how many it deleted.
     */
    int deleteOlderThan(Instant cutoff, int limit) {
        return jdbc.sql(deleteOldest).params(Jdbc.timestamp(cutoff), limit).update();
    }

    /** Sorted here rather than in SQL, where the order would follow the database's collation. */
    private List<Label> labelsWithUnits(UUID checkId) {
        var labels = new ArrayList<>(jdbc.sql(LABELS).params(checkId, checkId, checkId).query(SampleRepository::label)
                .list());
        labels.sort(Comparator.comparing(Label::label, LABEL_ORDER));
        return labels;
    }

    private static Label label(ResultSet rs, int n) throws SQLException {
        return new Label(rs.getString("label"), rs.getString("unit"));
    }

    private record Label(String label, String unit) {
    }
}
