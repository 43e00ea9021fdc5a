package io.opsline.metrics.internal.promql;

import io.opsline.metrics.internal.promql.Expr.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The PromQL functions Opsline evaluates, with the argument types Prometheus declares for them. */
public enum PromqlFunction {
    RATE(ValueType.VECTOR, 0, ValueType.MATRIX),
    INCREASE(ValueType.VECTOR, 0, ValueType.MATRIX),
    DELTA(ValueType.VECTOR, 0, ValueType.MATRIX),
    IRATE(ValueType.VECTOR, 0, ValueType.MATRIX),
    IDELTA(ValueType.VECTOR, 0, ValueType.MATRIX),
    AVG_OVER_TIME(ValueType.VECTOR, 0, ValueType.MATRIX),
    MIN_OVER_TIME(ValueType.VECTOR, 0, ValueType.MATRIX),
    MAX_OVER_TIME(ValueType.VECTOR, 0, ValueType.MATRIX),
    SUM_OVER_TIME(ValueType.VECTOR, 0, ValueType.MATRIX),
    COUNT_OVER_TIME(ValueType.VECTOR, 0, ValueType.MATRIX),
    LAST_OVER_TIME(ValueType.VECTOR, 0, ValueType.MATRIX),
    ABS(ValueType.VECTOR, 0, ValueType.VECTOR),
    CEIL(ValueType.VECTOR, 0, ValueType.VECTOR),
    FLOOR(ValueType.VECTOR, 0, ValueType.VECTOR),
    ROUND(ValueType.VECTOR, 1, ValueType.VECTOR, ValueType.SCALAR),
    CLAMP_MIN(ValueType.VECTOR, 0, ValueType.VECTOR, ValueType.SCALAR),
    CLAMP_MAX(ValueType.VECTOR, 0, ValueType.VECTOR, ValueType.SCALAR),
    TIME(ValueType.SCALAR, 0),
    VECTOR(ValueType.VECTOR, 0, ValueType.SCALAR),
    SCALAR(ValueType.SCALAR, 0, ValueType.VECTOR);

    private static final Map<String, PromqlFunction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(PromqlFunction::text, f -> f));

    private final ValueType returnType;
    private final int optionalArguments;
    private final List<ValueType> argumentTypes;

    PromqlFunction(ValueType returnType, int optionalArguments, ValueType... argumentTypes) {
        this.returnType = returnType;
        this.optionalArguments = optionalArguments;
        this.argumentTypes = List.of(argumentTypes);
    }

    /** The function of a PromQL name, or null when Opsline has none of that name. */
    static PromqlFunction named(String name) {
        return BY_NAME.get(name);
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    ValueType returnType() {
        return returnType;
    }

    List<ValueType> argumentTypes() {
        return argumentTypes;
    }

    int requiredArguments() {
        return argumentTypes.size() - optionalArguments;
    }

    /** Functions of a range vector whose result keeps the metric name, as last_over_time does in Prometheus. */
    boolean keepsMetricName() {
        return this == LAST_OVER_TIME;
    }

    static String supportedNames() {
        return Arrays.stream(values()).map(PromqlFunction::text).collect(Collectors.joining(", "));
    }
}
