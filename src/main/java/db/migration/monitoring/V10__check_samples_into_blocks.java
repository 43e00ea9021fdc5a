package db.migration.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.opsline.monitoring.internal.series.LegacySampleBlock;
import io.opsline.monitoring.internal.series.LegacySampleBlock.Measured;
import io.opsline.platform.Jdbc;

/**
 * Moves the samples kept so far in {@code check_sample} (V6) into blocks of
 * {@code check_sample_block} (V9), then drops {@code check_sample}. In Java, because the blocks
 * are compressed as {@link io.opsline.monitoring.internal.series.LegacySampleCodec} does, which SQL
 * cannot do on either engine.
 *
 * <p>The SQL is this migration's own, not the repository's, so that it keeps doing what it did
 * when the repository's SQL changes later; the block format may only change by a new version that
 * readers still tell apart, so cutting blocks with today's code stays right.
 */
public class V10__check_samples_into_blocks extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V10__check_samples_into_blocks.class);

    /**
     * How many samples are read, cut into blocks and inserted at a time: a table of any size is
     * converted in this much memory (PostgreSQL streams the rows by the fetch size; H2 keeps a
     * large result on disk).
     */
    private static final int CHUNK = 10_000;

    /** A series' samples in time order, so that most blocks hold a whole hour. */
    private static final String READ = "SELECT check_id, label, unit, at, sample_value FROM check_sample"
            + " ORDER BY check_id, label, at";
    private static final String INSERT = "INSERT INTO check_sample_block"
            + " (check_id, label, unit, first_at, last_at, sample_count, samples) VALUES (?, ?, ?, ?, ?, ?, ?)";

    @Override
    public void migrate(Context context) {
        var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.setFetchSize(CHUNK);
        var conversion = new Conversion(jdbc);
        // Every row was written from a sample, so each makes a valid one again.
        jdbc.query(READ, (RowCallbackHandler) rs -> conversion.add(new Measured(Jdbc.uuid(rs, "check_id"),
                rs.getString("label"), rs.getString("unit"), Jdbc.instant(rs, "at"), rs.getDouble("sample_value"))));
        conversion.flush();
        jdbc.execute("DROP TABLE check_sample");
        log.info("Moved {} check samples into {} blocks", conversion.samples, conversion.blocks);
    }

    /** Collects samples a chunk at a time and inserts each chunk's blocks. */
    private static final class Conversion {

        private final JdbcTemplate jdbc;
        private final List<Measured> chunk = new ArrayList<>(CHUNK);
        private long samples;
        private long blocks;

        Conversion(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void add(Measured sample) {
            chunk.add(sample);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        /**
         * Inserts the chunk's blocks. A series whose hour the chunk's end cuts gets two blocks for
         * that hour, as blocks may.
         */
        void flush() {
            var rows = LegacySampleBlock.cut(chunk).stream()
                    .map(b -> new Object[] {b.checkId(), b.label(), b.unit(), Jdbc.timestamp(b.firstAt()),
                        Jdbc.timestamp(b.lastAt()), b.count(), b.samples()})
                    .toList();
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows);
            }
            samples += chunk.size();
            blocks += rows.size();
            chunk.clear();
        }
    }
}
