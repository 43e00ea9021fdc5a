package io.opsline.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import io.opsline.platform.DatabaseEngine;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * A table that grows far past its statistics is analyzed on PostgreSQL; H2 keeps its own
 * statistics, so nothing is done there.
 */
@OpslineIntegrationTest
class GrowingTablesIT {

    private static final String TABLE = "growing_tables_probe";

    @Autowired
    GrowingTables growing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DatabaseEngine engine;

    @BeforeEach
    void createTable() {
        jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
        jdbc.execute("CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, name VARCHAR(40))");
    }

    @AfterEach
    void dropTable() {
        jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
    }

    @Test
    void aTableThatOutgrewItsStatisticsIsAnalyzedAndThenLeftAlone() {
        addRows(0, 100);
        if (engine != DatabaseEngine.POSTGRESQL) {
            addRows(100, 5_000);
            assertThat(growing.analyzeOutgrown()).isEmpty();
            return;
        }
        // Only this test's analyses count: autovacuum would renew the statistics within a minute too.
        jdbc.execute("ALTER TABLE " + TABLE + " SET (autovacuum_enabled = false)");
        jdbc.execute("ANALYZE " + TABLE);
        assertThat(reltuples()).isEqualTo(100);

        addRows(100, 5_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> liveRows() == 5_000);
        // The scheduled run may come first; either way the statistics are renewed.
        growing.analyzeOutgrown();
        assertThat(reltuples()).isEqualTo(5_000);

        addRows(5_000, 9_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> liveRows() == 9_000);
        assertThat(growing.analyzeOutgrown()).as("less than twice the rows counted: autovacuum's to renew")
                .doesNotContain(TABLE);
        assertThat(reltuples()).isEqualTo(5_000);
    }

    /** Adds rows, and on PostgreSQL has the session report them to the statistics at once. */
    private void addRows(int from, int to) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO " + TABLE + " (id, name) VALUES (?, ?)")) {
                for (int id = from; id < to; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "row " + id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (engine == DatabaseEngine.POSTGRESQL) {
                try (var flush = connection.createStatement()) {
                    flush.execute("SELECT pg_stat_force_next_flush()");
                }
            }
            return null;
        });
    }

    private long liveRows() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(n_live_tup), 0) FROM pg_stat_user_tables"
                + " WHERE relname = ? AND schemaname = current_schema()", Long.class, TABLE);
    }

    private long reltuples() {
        return jdbc.queryForObject("SELECT reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relname = ? AND n.nspname = current_schema()", Long.class, TABLE);
    }
}
