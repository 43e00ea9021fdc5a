package io.opsline.platform;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

import io.opsline.platform.RowsStatement.Column;

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

    private final RowsStatement statement;

    /**
     * @param key the key column that finds each row, as "name type"
     * @param set the columns set, each as "name type" (see {@link BulkInsert} for the types)
     */
    public BulkUpdate(DatabaseEngine engine, String table, String key, String set) {
        var keyColumn = Column.list(key).getFirst();
        var setColumns = Column.list(set);
        var columns = Stream.concat(setColumns.stream(), Stream.of(keyColumn)).toList();
        var k = keyColumn.name();
        // The keys twice: once joined to the values, once for the index to find the rows by.
        var arrays = IntStream.concat(IntStream.range(0, columns.size()), IntStream.of(columns.size() - 1)).toArray();
        var batchSql = "UPDATE " + table + " SET " + setColumns.stream().map(column -> column.name() + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE " + k + " = ?";
        var arraySql = "UPDATE " + table + " t SET "
                + setColumns.stream().map(column -> column.name() + " = r." + column.name())
                        .collect(Collectors.joining(", "))
                + " FROM unnest(" + columns.stream().map(Column::arrayParameter).collect(Collectors.joining(", "))
                + ") AS r(" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") WHERE t." + k + " = ANY(" + keyColumn.arrayParameter() + ") AND t." + k + " = r." + k;
        this.statement = new RowsStatement(engine, batchSql, arraySql, columns, arrays);
    }

    /** Updates the rows these values are for; nothing when there are none. */
    public void update(JdbcTemplate template, List<Object[]> rows) {
        statement.run(template, rows);
    }
}
