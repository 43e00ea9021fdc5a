package io.opsline.platform;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;

import io.opsline.platform.RowsStatement.Column;

/**
 * An insert of many rows into one table at once. On PostgreSQL all rows go in one statement that
 * unnests one array per column: the server then inserts them in one execution, where a JDBC batch
 * costs it a bind and an execution per row (about 40% more of its CPU per row in batches of
 * hundreds). H2 runs in this process, where a batch costs no round trips, and keeps the batch.
 *
 * <p>Made once per statement, with each column's PostgreSQL type:
 * {@code new BulkInsert(engine, "alert_history", "id uuid, alert_id uuid, at timestamptz, kind text")}.
 * Values are bound as for a prepared statement: {@link java.util.UUID}, {@link String},
 * {@link java.time.OffsetDateTime} (see {@link Jdbc#timestamp}), {@link Integer}, {@link Long},
 * {@link Boolean} or null.
 */
public final class BulkInsert {

    private final RowsStatement statement;

    /**
     * @param columns the columns in the order of each row's values, each as "name type"
     * @param suffix what follows the rows, such as {@code ON CONFLICT DO NOTHING}; empty for nothing
     */
    public BulkInsert(DatabaseEngine engine, String table, String columns, String suffix) {
        var list = Column.list(columns);
        var names = list.stream().map(Column::name).collect(Collectors.joining(", "));
        var end = suffix.isEmpty() ? "" : " " + suffix;
        this.statement = new RowsStatement(engine,
                "INSERT INTO " + table + " (" + names + ") VALUES ("
                        + list.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")" + end,
                "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest("
                        + list.stream().map(Column::arrayParameter).collect(Collectors.joining(", ")) + ")" + end,
                list, IntStream.range(0, list.size()).toArray());
    }

    public BulkInsert(DatabaseEngine engine, String table, String columns) {
        this(engine, table, columns, "");
    }

    /**
     * The names of columns listed with their types ("id uuid, name text" gives "id, name"), for the
     * queries that read the columns a bulk statement writes.
     */
    public static String names(String columns) {
        return Column.list(columns).stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** Inserts these rows, each with one value per column; nothing when there are none. */
    public void insert(JdbcTemplate template, List<Object[]> rows) {
        statement.run(template, rows);
    }
}
