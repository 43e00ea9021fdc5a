package io.opsline.platform;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;

import org.springframework.jdbc.core.SqlTypeValue;

/**
 * A condition that a column holds one of a list of values whose length changes from call to call,
 * such as the ids of a batch's rows, written with a named parameter.
 *
 * <p>On PostgreSQL the list is one array parameter ({@code alert_id = ANY(:ids::uuid[])}), so the
 * statement's text is the same whatever the length: the driver keeps it prepared and PostgreSQL
 * plans it once per connection. An IN list is a new statement for each length, parsed and planned
 * every time; under the alert intake's load that planning was a tenth of PostgreSQL's time. On H2
 * the condition is an IN list, which its indexes serve; callers keep lists to a few hundred values
 * for it, and need at least one.
 *
 * <p>It fits where the list is what finds the rows. A plan made once does not know how many values
 * the list holds, nor the statement's other values: where another condition could lead to another
 * index (the time range of a metric query, which {@code metric_rollup}'s age index also serves),
 * PostgreSQL may keep a plan through that index. There an IN list, planned with its values, is
 * the right choice, as in the metric store.
 *
 * <p>On PostgreSQL the value {@link #of} makes is also an array parameter of any statement, such as
 * one that joins the arrays of a batch's values to rows with {@code unnest}.
 */
public final class ValueList {

    private final DatabaseEngine engine;
    private final String type;
    private final Class<?> valueClass;

    /**
     * @param type the values' PostgreSQL type, one of those {@link PostgresArrays} binds: uuid, text,
     *        int8, int4, bool, timestamptz
     */
    public ValueList(DatabaseEngine engine, String type) {
        this.valueClass = PostgresArrays.valueClass(type);
        if (valueClass == null) {
            throw new IllegalArgumentException("A list of " + type + "; the types are " + PostgresArrays.TYPES);
        }
        this.engine = engine;
        this.type = type;
    }

    /** The condition that {@code column} holds one of the values given to the named parameter. */
    public String in(String column, String parameter) {
        return engine == DatabaseEngine.POSTGRESQL ? column + " = ANY(:" + parameter + "::" + type + "[])"
                : column + " IN (:" + parameter + ")";
    }

    /** The condition that {@code column} holds none of the values given to the named parameter. */
    public String notIn(String column, String parameter) {
        return engine == DatabaseEngine.POSTGRESQL ? column + " <> ALL(:" + parameter + "::" + type + "[])"
                : column + " NOT IN (:" + parameter + ")";
    }

    /** The named parameter's value for these values, each of the class of the type. */
    public Object of(Collection<?> values) {
        // Gathered into an array of the type's class on both engines: a value of another class is refused
        // alike, and PostgresArrays binds the array as it is.
        Object[] array;
        try {
            array = values.toArray(n -> (Object[]) Array.newInstance(valueClass, n));
        } catch (ArrayStoreException e) {
            var stranger = values.stream().filter(value -> value != null && !valueClass.isInstance(value))
                    .findFirst().orElseThrow();
            throw new IllegalArgumentException("A list of " + type + " holds " + valueClass.getSimpleName()
                    + " values, not " + stranger.getClass().getSimpleName(), e);
        }
        if (engine == DatabaseEngine.H2) {
            return Arrays.asList(array);
        }
        return (SqlTypeValue) (statement, index, sqlType, typeName) -> PostgresArrays.bind(statement.getConnection(),
                statement, index, type, array);
    }
}
