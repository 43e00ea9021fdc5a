package io.opsline.platform;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@link BulkInsert} and {@link BulkUpdate} run: on PostgreSQL one statement whose parameters
 * are arrays, each of one column of all rows; on H2 a JDBC batch of a statement per row.
 */
final class RowsStatement {

    /**
     * A column, its PostgreSQL type ({@code uuid}, {@code int8}, ... see {@link PostgresArrays}) and the
     * class of its values.
     */
    record Column(String name, String type, Class<?> valueClass) {

        Column(String name, String type) {
            this(name, type, PostgresArrays.valueClass(type));
            if (valueClass == null) {
                throw new IllegalArgumentException("Column " + name + " has type " + type + "; a bulk statement takes "
                        + PostgresArrays.TYPES);
            }
        }

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

        /** This column's parameter in the array statement, cast to its array type. */
        String arrayParameter() {
            return "?::" + type + "[]";
        }
    }

    private final DatabaseEngine engine;
    private final String batchSql;
    private final String arraySql;
    private final List<Column> columns;
    private final int[] arrays;

    /**
     * @param columns the columns of each row's values, in their order
     * @param arrays for each parameter of {@code arraySql}, the column whose values it takes
     */
    RowsStatement(DatabaseEngine engine, String batchSql, String arraySql, List<Column> columns, int... arrays) {
        this.engine = engine;
        this.batchSql = batchSql;
        this.arraySql = arraySql;
        this.columns = columns;
        this.arrays = arrays;
    }

    /** Refuses a row with a value of another class than its column's, on either engine alike. */
    private void checkValues(Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(
                    "A row has " + row.length + " values for " + columns.size() + " columns");
        }
        for (int c = 0; c < row.length; c++) {
            var column = columns.get(c);
            if (row[c] != null && !column.valueClass().isInstance(row[c])) {
                throw new IllegalArgumentException("Column " + column.name() + " (" + column.type() + ") takes "
                        + column.valueClass().getSimpleName() + ", not " + row[c].getClass().getSimpleName());
            }
        }
    }

    void run(JdbcTemplate template, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        rows.forEach(this::checkValues);
        if (engine != DatabaseEngine.POSTGRESQL) {
            template.batchUpdate(batchSql, rows);
            return;
        }
        template.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement(arraySql)) {
                for (int p = 0; p < arrays.length; p++) {
                    var column = columns.get(arrays[p]);
                    // Of the values' own class, which the driver takes as it is.
                    var values = (Object[]) Array.newInstance(column.valueClass(), rows.size());
                    for (int r = 0; r < values.length; r++) {
                        values[r] = rows.get(r)[arrays[p]];
                    }
                    PostgresArrays.bind(connection, statement, p + 1, column.type(), values);
                }
                return statement.executeUpdate();
            }
        });
    }
}
