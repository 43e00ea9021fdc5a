package io.opsline.platform;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /** A column and its PostgreSQL type, as {@code createArrayOf} names it ({@code uuid}, {@code int8}, ...). */
    record Column(String name, String type) {

        /** The columns of a list such as "id uuid, name text". */
        static List<Column> list(String columns) {
            return Arrays.stream(columns.split(",")).map(String::strip).map(column -> column.split("\\s+"))
                    .map(parts -> {
                        if (parts.length != 2) {
                            throw new IllegalArgumentException(
                                    "A column is \"name type\", not \"" + String.join(" ", parts) + "\"");
                        }
                        return new Column(parts[0], parts[1]);
                    }).toList();
        }
    }

    private final DatabaseEngine engine;
    private final List<Column> columns;
    private final String batchSql;
    private final String unnestSql;

    /**
     * @param columns the columns in the order of each row's values, each as "name type"
     * @param suffix what follows the rows, such as {@code ON CONFLICT DO NOTHING}; empty for nothing
     */
    public BulkInsert(DatabaseEngine engine, String table, String columns, String suffix) {
        this.engine = engine;
        this.columns = Column.list(columns);
        var names = this.columns.stream().map(Column::name).collect(Collectors.joining(", "));
        var end = suffix.isEmpty() ? "" : " " + suffix;
        this.batchSql = "INSERT INTO " + table + " (" + names + ") VALUES ("
                + this.columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")" + end;
        this.unnestSql = "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest("
                + this.columns.stream().map(column -> "?::" + column.type() + "[]").collect(Collectors.joining(", "))
                + ")" + end;
    }

    public BulkInsert(DatabaseEngine engine, String table, String columns) {
        this(engine, table, columns, "");
    }

    /** Inserts these rows, each with one value per column; nothing when there are none. */
    public void insert(JdbcTemplate template, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (engine != DatabaseEngine.POSTGRESQL) {
            template.batchUpdate(batchSql, rows);
            return;
        }
        template.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement(unnestSql)) {
                for (int c = 0; c < columns.size(); c++) {
                    statement.setArray(c + 1, connection.createArrayOf(columns.get(c).type(), column(rows, c)));
                }
                return statement.executeUpdate();
            }
        });
    }

    /** The values of one column of these rows. */
    static Object[] column(List<Object[]> rows, int column) {
        var values = new Object[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r)[column];
        }
        return values;
    }
}
