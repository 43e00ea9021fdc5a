package io.opsline.metrics.internal.promql;

import io.opsline.metrics.internal.promql.Expr.BinaryOperator;

/** PromQL's arithmetic and comparisons on two values, with Go's results where Java's differ. */
final class BinaryOperations {

    private BinaryOperations() {
    }

    static double arithmetic(BinaryOperator operator, double left, double right) {
        return switch (operator) {
            case ADD -> left + right;
            case SUB -> left - right;
            case MUL -> left * right;
            case DIV -> left / right;
            case MOD -> left % right;
            case POW -> power(left, right);
            default -> throw new IllegalArgumentException(operator + " is not arithmetic");
        };
    }

    static boolean compare(BinaryOperator operator, double left, double right) {
        return switch (operator) {
            case EQL -> left == right;
            case NEQ -> left != right;
            case GTR -> left > right;
            case LSS -> left < right;
            case GTE -> left >= right;
            case LTE -> left <= right;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    /** Go's math.Pow: 1 to any power, and -1 to an infinite power, is 1, where Java's Math.pow says NaN. */
    private static double power(double base, double exponent) {
        if (base == 1 || (base == -1 && Double.isInfinite(exponent))) {
            return 1;
        }
        return Math.pow(base, exponent);
    }
}
