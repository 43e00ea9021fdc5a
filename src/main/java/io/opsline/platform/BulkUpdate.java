package io.opsline.platform;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An update of many rows of one table at once, each found by its key and given its own values. On
 * PostgreSQL all rows go in one statement, as {@link BulkInsert} does: the values as one array per
 * column, joined to the rows the key's index finds ({@code key = ANY}, which keeps the planner from
 * reading the whole table to join them). H2 keeps a JDBC batch.
 *
 * <p>Each row gives the new values in the order of the columns set, then the key; one row per key.
 * Rows are changed in the order the database finds them, so a caller that needs a lock order
 * locks the rows first.
 */
public final class BulkUpdate {

    private final DatabaseEngine engine;
    private final List<BulkInsert.Column> columns;
    private final String batchSql;
    private final String unnestSql;

    /**
     * @param key the key column that finds each row, as "name type"
     * @param set the columns set, each as "name type" (see {@link BulkInsert} for the types)
     */
    public BulkUpdate(DatabaseEngine engine, String table, String key, String set) {
        this.engine = engine;
        var keyColumn = BulkInsert.Column.list(key).getFirst();
        var setColumns = BulkInsert.Column.list(set);
        this.columns = Stream.concat(setColumns.stream(), Stream.of(keyColumn)).toList();
        this.batchSql = "UPDATE " + table + " SET " + setColumns.stream().map(column -> column.name() + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE " + keyColumn.name() + " = ?";
        this.unnestSql = "UPDATE " + table + " t SET " + setColumns.stream()
                .map(column -> column.name() + " = r." + column.name()).collect(Collectors.joining(", "))
                + " FROM unnest(" + columns.stream().map(column -> "?::" + column.type() + "[]")
                        .collect(Collectors.joining(", "))
                + ") AS r(" + columns.stream().map(BulkInsert.Column::name).collect(Collectors.joining(", "))
                + ") WHERE t." + keyColumn.name() + " = ANY(?::" + keyColumn.type() + "[]) AND t." + keyColumn.name()
                + " = r." + keyColumn.name();
    }

    /** Updates the rows these values are for; nothing when there are none. */
    public void update(JdbcTemplate template, List<Object[]> rows) {
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
                    var values = BulkInsert.column(rows, c);
                    statement.setArray(c + 1, connection.createArrayOf(columns.get(c).type(), values));
                }
                // The keys again, for the index to find the rows by.
                var key = columns.size() - 1;
                statement.setArray(columns.size() + 1,
                        connection.createArrayOf(columns.get(key).type(), BulkInsert.column(rows, key)));
                return statement.executeUpdate();
            }
        });
    }
}
