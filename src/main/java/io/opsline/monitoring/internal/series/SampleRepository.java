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
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;

/**
 * SQL for {@code check_sample_block}: samples appended in large batches as compressed blocks (see
 * {@link SampleBlock}), read back condensed into time buckets.
 */
@Repository
public class SampleRepository implements SampleStore {

    private static final int BATCH = 1000;
    private static final Comparator<String> LABEL_ORDER = String.CASE_INSENSITIVE_ORDER
            .thenComparing(Comparator.naturalOrder());
    private static final String INSERT = "INSERT INTO check_sample_block"
            + " (check_id, label, unit, first_at, last_at, sample_count, samples) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /**
     * The blocks with samples in a range: those ending at or after its start and beginning before
     * its end. As no block spans more than {@link SampleBlock#SPAN}, they all end before the range's
     * end plus that, which bounds the index range on both sides.
     */
    private static final String BLOCKS = "SELECT samples FROM check_sample_block WHERE check_id = ? AND label = ?"
            + " AND last_at >= ? AND last_at < ? AND first_at < ?";
    /**
     * Each label found by one index lookup for the next larger one, rather than by reading all of a
     * check's blocks; and its unit from its latest block.
     */
    private static final String LABELS = """
            WITH RECURSIVE labels (label) AS (
                SELECT MIN(label) FROM check_sample_block WHERE check_id = ?
                UNION ALL
                SELECT (SELECT MIN(b.label) FROM check_sample_block b WHERE b.check_id = ? AND b.label > l.label)
                FROM labels l WHERE l.label IS NOT NULL
            )
            SELECT l.label, (SELECT b.unit FROM check_sample_block b WHERE b.check_id = ? AND b.label = l.label
                             ORDER BY b.last_at DESC FETCH FIRST 1 ROW ONLY) AS unit
            FROM labels l WHERE l.label IS NOT NULL""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final String deleteOldest;

    SampleRepository(JdbcClient jdbc, JdbcTemplate template, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.deleteOldest = switch (engine) {
            case H2 -> "DELETE FROM check_sample_block WHERE last_at < ? FETCH FIRST ? ROWS ONLY";
            // PostgreSQL has no DELETE ... LIMIT. The rows are picked by ctid through the index on last_at,
            // skipping rows another node is deleting at the same time.
            case POSTGRESQL -> "DELETE FROM check_sample_block WHERE ctid = ANY (ARRAY (SELECT ctid"
                    + " FROM check_sample_block WHERE last_at < ? LIMIT ? FOR UPDATE SKIP LOCKED))";
        };
    }

    @Override
    public void appendAll(Collection<Sample> samples) {
        var rows = SampleBlock.cut(samples).stream().map(SampleRepository::row).toList();
        for (int start = 0; start < rows.size(); start += BATCH) {
            template.batchUpdate(INSERT, rows.subList(start, Math.min(start + BATCH, rows.size())));
        }
    }

    @Override
    public List<Series> query(UUID checkId, String label, Instant from, Instant to, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, not " + maxPoints);
        }
        var series = new ArrayList<Series>();
        for (var known : labelsWithUnits(checkId)) {
            if (label != null && !label.equals(known.label())) {
                continue;
            }
            var buckets = new Buckets(from, to, maxPoints);
            jdbc.sql(BLOCKS)
                    .params(checkId, known.label(), Jdbc.timestamp(from), Jdbc.timestamp(to.plus(SampleBlock.SPAN)),
                            Jdbc.timestamp(to))
                    .query((RowCallbackHandler) rs -> SampleCodec.decode(rs.getBytes("samples"), buckets::add));
            var points = buckets.points();
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
     * Deletes at most {@code limit} blocks whose samples were all taken before {@code cutoff},
     * oldest first as far as the engine finds them so, and says how many it deleted.
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

    private static Object[] row(SampleBlock block) {
        return new Object[] {block.checkId(), block.label(), block.unit(), Jdbc.timestamp(block.firstAt()),
            Jdbc.timestamp(block.lastAt()), block.count(), block.samples()};
    }

    private static Label label(ResultSet rs, int n) throws SQLException {
        return new Label(rs.getString("label"), rs.getString("unit"));
    }

    private record Label(String label, String unit) {
    }
}
