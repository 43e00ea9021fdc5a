package db.migration.metrics;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import db.migration.BatchedUpdate;
import io.opsline.metrics.internal.store.SeriesKey;

/**
 * Replaces a series' 128-bit {@code labels_hash} with the 64-bit {@code labels_key} of
 * {@link SeriesKey}: 8 bytes in the row instead of 17, and an index entry of 16 bytes instead of
 * 32. In Java, as SHA-256 is spelled differently in H2's SQL and PostgreSQL's, and so that the keys
 * are exactly those the code writes and looks up.
 */
public class V8__series_keys extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V8__series_keys.class);

    /** How many series are read and updated at a time, so a table of any size takes this much memory. */
    private static final int CHUNK = 10_000;

    @Override
    public void migrate(Context context) {
        var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.setFetchSize(CHUNK);
        jdbc.execute("ALTER TABLE metric_series ADD COLUMN labels_key BIGINT");
        var keys = new BatchedUpdate(jdbc, "UPDATE metric_series SET labels_key = ? WHERE id = ?", CHUNK);
        jdbc.query("SELECT id, labels FROM metric_series",
                (RowCallbackHandler) rs -> keys.add(SeriesKey.of(rs.getString(2)), rs.getLong(1)));
        var keyed = keys.finish();
        jdbc.execute("ALTER TABLE metric_series ALTER COLUMN labels_key SET NOT NULL");
        jdbc.execute("ALTER TABLE metric_series DROP CONSTRAINT metric_series_labels_uk");
        jdbc.execute("ALTER TABLE metric_series DROP COLUMN labels_hash");
        jdbc.execute("ALTER TABLE metric_series ADD CONSTRAINT metric_series_labels_uk UNIQUE (labels_key)");
        log.info("Keyed {} metric series", keyed);
    }
}
