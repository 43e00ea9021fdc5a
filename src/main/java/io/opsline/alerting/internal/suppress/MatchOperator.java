package io.opsline.alerting.internal.suppress;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a matcher compares a label's value, written as Alertmanager writes it. */
public enum MatchOperator {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String symbol;

    MatchOperator(String symbol) {
        this.symbol = symbol;
    }

    @JsonValue
    public String symbol() {
        return symbol;
    }

    /** The operator written so, or null. */
    static MatchOperator of(String symbol) {
        for (var operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return operator;
            }
        }
        return null;
    }
}
