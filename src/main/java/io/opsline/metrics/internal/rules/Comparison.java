package io.opsline.metrics.internal.rules;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a rule compares a series' value to its threshold. A firing series resolves once the comparison
 * with the clear threshold no longer holds, so the clear threshold lies on the side the value
 * goes to when things get better: below the threshold for {@code >}, above it for {@code <}.
 */
public enum Comparison {
    GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    @JsonValue
    public String symbol() {
        return symbol;
    }

    public static Optional<Comparison> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }

    /** Whether {@code value} compares true to {@code threshold}; NaN never does. */
    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
        };
    }

    /** Whether a clear threshold lies on the better side of the threshold (or on it, for no hysteresis). */
    boolean clearsOnBetterSide(double threshold, double clearThreshold) {
        return switch (this) {
            case GREATER, GREATER_OR_EQUAL -> clearThreshold <= threshold;
            case LESS, LESS_OR_EQUAL -> clearThreshold >= threshold;
        };
    }
}
