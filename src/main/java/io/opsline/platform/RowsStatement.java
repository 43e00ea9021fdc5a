package io.opsline.platform;

import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@link BulkInsert} and {@link BulkUpdate} run: on PostgreSQL one statement whose parameters
 * are arrays, each of one column of all rows; on H2 a JDBC batch of a statement per row.
 */
final class RowsStatement {

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

    void run(JdbcTemplate template, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (engine != DatabaseEngine.POSTGRESQL) {
            template.batchUpdate(batchSql, rows);
            return;
        }
        template.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement(arraySql)) {
                for (int p = 0; p < arrays.length; p++) {
                    var column = arrays[p];
                    var values = new Object[rows.size()];
                    for (int r = 0; r < values.length; r++) {
                        values[r] = rows.get(r)[column];
                    }
                    statement.setArray(p + 1, connection.createArrayOf(columns.get(column).type(), values));
                }
                return statement.executeUpdate();
            }
        });
    }
}
