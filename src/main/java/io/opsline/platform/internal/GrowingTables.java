package io.opsline.platform.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.platform.DatabaseEngine;

/**
 * On PostgreSQL, renews the statistics of a table as soon as it holds twice the rows they counted.
 *
 * <p>PostgreSQL plans a statement a connection runs often once, for any parameters, and keeps that
 * plan until the statistics of its tables change. Autovacuum renews statistics once a tenth of a
 * table changed, and looks at a database about once a minute. A table that grows from a few rows
 * to a hundred thousand within that minute, as the alert tables do in the first storm after
 * installation, is read all along with plans made for a few rows: a sequential scan of the whole
 * table where an index would find the row, tens of milliseconds each time. Analyzing such a table
 * makes PostgreSQL plan its statements again. Growth that autovacuum keeps up with never reaches
 * twice the counted rows, and is left to it.
 */
@Component
class GrowingTables {

    private static final Logger log = LoggerFactory.getLogger(GrowingTables.class);
    /** Smaller tables are cheap to read whatever the plan. */
    private static final long SMALLEST = 1_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgresql;

    GrowingTables(JdbcClient jdbc, TransactionTemplate transactions, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.postgresql = engine == DatabaseEngine.POSTGRESQL;
    }

    /**
     * Analyzes the tables that outgrew their statistics. Every node may do it: one that finds
     * the table being analyzed or vacuumed already gives up after a second and tries again later.
     *
     * @return the tables analyzed
     */
    @Scheduled(initialDelay = 5, fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    List<String> analyzeOutgrown() {
        if (!postgresql) {
            return List.of();
        }
        var outgrown = jdbc.sql("SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                + " WHERE s.schemaname = current_schema() AND s.n_live_tup >= ? AND s.n_live_tup > 2 * GREATEST(c.reltuples, 0)")
                .param(SMALLEST).query(String.class).list();
        return outgrown.stream().filter(this::analyze).toList();
    }

    private boolean analyze(String table) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("SET LOCAL lock_timeout = '1s'").update();
                jdbc.sql("ANALYZE \"" + table.replace("\"", "\"\"") + "\"").update();
            });
            log.debug("Analyzed {}: it had grown to more than twice the rows of its statistics", table);
            return true;
        } catch (DataAccessException e) {
            log.debug("Could not analyze {} now, will try again: {}", table, e.getMessage());
            return false;
        }
    }
}
