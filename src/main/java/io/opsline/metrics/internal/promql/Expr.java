package io.opsline.metrics.internal.promql;

import io.opsline.metrics.Matcher;
import java.util.List;

/** A parsed PromQL expression of the subset Opsline evaluates; {@link #type()} is checked at parse time. */
public sealed interface Expr {

    ValueType type();

    /** The four PromQL value types, named as Prometheus names them in errors and in the API. */
    enum ValueType {
        SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

        private final String description;

        ValueType(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    record NumberLiteral(double value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    record StringLiteral(String value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /** {@code name{matchers}}; the name, when given, is among the matchers as {@code __name__="name"}. */
    record VectorSelector(List<Matcher> matchers) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** {@code selector[range]}: the samples in the range before each evaluation time. */
    record MatrixSelector(VectorSelector selector, long rangeMs) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    record Call(PromqlFunction function, List<Expr> arguments) implements Expr {
        @Override
        public ValueType type() {
            return function.returnType();
        }
    }

    /**
     * {@code op [by|without (labels)] ([parameter,] argument)}; {@code parameter} is null but for
     * topk and bottomk.
     */
    record Aggregation(Aggregator aggregator, Expr parameter, Expr argument, List<String> grouping, boolean without)
            implements Expr {
        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /**
     * {@code lhs op [bool] [on|ignoring (labels)] rhs}; {@code matching} is null unless both sides are
     * instant vectors.
     */
    record Binary(BinaryOperator operator, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching)
            implements Expr {
        @Override
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    /** How series of two vectors pair up: on the labels named, or on all labels but those named. */
    record VectorMatching(boolean on, List<String> labels) {
    }

    record Negation(Expr operand) implements Expr {
        @Override
        public ValueType type() {
            return operand.type();
        }
    }

    record Parenthesis(Expr inner) implements Expr {
        @Override
        public ValueType type() {
            return inner.type();
        }
    }

    enum Aggregator {
        SUM, AVG, MIN, MAX, COUNT, TOPK, BOTTOMK;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum BinaryOperator {
        // Precedence as in Prometheus: ^ binds tightest and is right-associative.
        OR("or", 1), AND("and", 2), UNLESS("unless", 2),
        EQL("==", 3), NEQ("!=", 3), GTR(">", 3), LSS("<", 3), GTE(">=", 3), LTE("<=", 3),
        ADD("+", 4), SUB("-", 4),
        MUL("*", 5), DIV("/", 5), MOD("%", 5),
        POW("^", 6);

        private final String symbol;
        private final int precedence;

        BinaryOperator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public String symbol() {
            return symbol;
        }

        int precedence() {
            return precedence;
        }

        boolean isComparison() {
            return precedence == 3;
        }

        boolean isSetOperator() {
            return this == OR || this == AND || this == UNLESS;
        }

        boolean isRightAssociative() {
            return this == POW;
        }
    }
}
