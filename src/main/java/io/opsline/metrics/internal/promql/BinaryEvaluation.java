package io.opsline.metrics.internal.promql;

import static io.opsline.metrics.internal.promql.Value.dropName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.opsline.metrics.Labels;
import io.opsline.metrics.internal.promql.Expr.Binary;
import io.opsline.metrics.internal.promql.Expr.BinaryOperator;
import io.opsline.metrics.internal.promql.Expr.VectorMatching;
import io.opsline.metrics.internal.promql.Value.Scalars;
import io.opsline.metrics.internal.promql.Value.Series;
import io.opsline.metrics.internal.promql.Value.Vectors;

/**
 * Binary operators over the series of one evaluation's steps: scalar with scalar, vector with
 * scalar, and vector with vector, whose series are paired by their labels ({@code on},
 * {@code ignoring}) one to one, or filtered by {@code and}, {@code or} and {@code unless}.
 */
final class BinaryEvaluation {

    private final int steps;
    private final Deadline deadline;

    BinaryEvaluation(int steps, Deadline deadline) {
        this.steps = steps;
        this.deadline = deadline;
    }

    /** The operator of {@code binary} applied to its two sides' values. */
    Value apply(Binary binary, Value lhs, Value rhs) {
        var operator = binary.operator();
        if (lhs instanceof Scalars left && rhs instanceof Scalars right) {
            var values = new double[steps];
            for (var i = 0; i < steps; i++) {
                values[i] = operator.isComparison()
                        ? (BinaryOperations.compare(operator, left.values()[i], right.values()[i]) ? 1 : 0)
                        : BinaryOperations.arithmetic(operator, left.values()[i], right.values()[i]);
            }
            return new Scalars(values);
        }
        if (lhs instanceof Vectors left && rhs instanceof Scalars right) {
            return vectorScalar(operator, left, right, false, binary.returnBool());
        }
        if (lhs instanceof Scalars left && rhs instanceof Vectors right) {
            return vectorScalar(operator, right, left, true, binary.returnBool());
        }
        var left = (Vectors) lhs;
        var right = (Vectors) rhs;
        return switch (operator) {
            case AND, UNLESS, OR -> setOperation(operator, left, right, binary.matching());
            default -> oneToOne(operator, left, right, binary.matching(), binary.returnBool());
        };
    }

    private Vectors vectorScalar(BinaryOperator operator, Vectors vectors, Scalars scalars, boolean scalarFirst,
            boolean returnBool) {
        var out = new ArrayList<Series>(vectors.series().size());
        var dropsName = !operator.isComparison() || returnBool;
        for (var series : vectors.series()) {
            var values = new double[steps];
            var present = new boolean[steps];
            for (var i = 0; i < steps; i++) {
                if (!series.present()[i]) {
                    continue;
                }
                var vectorValue = series.values()[i];
                var left = scalarFirst ? scalars.values()[i] : vectorValue;
                var right = scalarFirst ? vectorValue : scalars.values()[i];
                if (!operator.isComparison()) {
                    values[i] = BinaryOperations.arithmetic(operator, left, right);
                    present[i] = true;
                } else if (returnBool) {
                    values[i] = BinaryOperations.compare(operator, left, right) ? 1 : 0;
                    present[i] = true;
                } else if (BinaryOperations.compare(operator, left, right)) {
                    // A comparison filters and keeps the vector's value, whichever side the vector is on.
                    values[i] = vectorValue;
                    present[i] = true;
                }
            }
            out.add(new Series(dropsName ? dropName(series.labels()) : series.labels(), values, present));
        }
        return dropsName ? Vectors.merged(out) : new Vectors(out);
    }

    private Vectors setOperation(BinaryOperator operator, Vectors left, Vectors right, VectorMatching matching) {
        var out = new ArrayList<Series>();
        if (operator == BinaryOperator.OR) {
            var leftPresence = presenceBySignature(left, matching);
            out.addAll(left.series());
            for (var series : right.series()) {
                var covered = leftPresence.get(signature(series.labels(), matching));
                out.add(covered == null ? series : filtered(series, covered, false));
            }
            return Vectors.merged(out);
        }
        var rightPresence = presenceBySignature(right, matching);
        for (var series : left.series()) {
            var matched = rightPresence.get(signature(series.labels(), matching));
            if (matched != null) {
                out.add(filtered(series, matched, operator == BinaryOperator.AND));
            } else if (operator == BinaryOperator.UNLESS) {
                out.add(series);
            }
        }
        return new Vectors(out);
    }

    /** For each signature, at which steps some series of that signature has a value. */
    private Map<Labels, boolean[]> presenceBySignature(Vectors vectors, VectorMatching matching) {
        var presence = new HashMap<Labels, boolean[]>();
        for (var series : vectors.series()) {
            var steps = presence.computeIfAbsent(signature(series.labels(), matching), key -> new boolean[this.steps]);
            for (var i = 0; i < this.steps; i++) {
                steps[i] |= series.present()[i];
            }
        }
        return presence;
    }

    /** The series at the steps where {@code mask} is {@code keepWhere}. */
    private Series filtered(Series series, boolean[] mask, boolean keepWhere) {
        var present = new boolean[steps];
        for (var i = 0; i < steps; i++) {
            present[i] = series.present()[i] && mask[i] == keepWhere;
        }
        return new Series(series.labels(), series.values(), present);
    }

    private Vectors oneToOne(BinaryOperator operator, Vectors left, Vectors right, VectorMatching matching,
            boolean returnBool) {
        var rightBySignature = new HashMap<Labels, List<Series>>();
        for (var series : right.series()) {
            rightBySignature.computeIfAbsent(signature(series.labels(), matching), key -> new ArrayList<>()).add(series);
        }
        var rightAtStep = new HashMap<Labels, Series[]>();
        var matched = new HashMap<Labels, boolean[]>();
        var out = new ArrayList<Series>();
        for (var series : left.series()) {
            deadline.check();
            var signature = signature(series.labels(), matching);
            var candidates = rightBySignature.get(signature);
            if (candidates == null) {
                continue;
            }
            var partners = rightAtStep.computeIfAbsent(signature, key -> partnersAtEachStep(key, candidates));
            var alreadyMatched = matched.computeIfAbsent(signature, key -> new boolean[steps]);
            var values = new double[steps];
            var present = new boolean[steps];
            for (var i = 0; i < steps; i++) {
                var partner = partners[i];
                if (partner == null || !series.present()[i]) {
                    continue;
                }
                var leftValue = series.values()[i];
                var rightValue = partner.values()[i];
                if (operator.isComparison()) {
                    var holds = BinaryOperations.compare(operator, leftValue, rightValue);
                    present[i] = returnBool || holds;
                    values[i] = returnBool ? (holds ? 1 : 0) : leftValue;
                } else {
                    present[i] = true;
                    values[i] = BinaryOperations.arithmetic(operator, leftValue, rightValue);
                }
                if (present[i]) {
                    if (alreadyMatched[i]) {
                        throw PromqlException.execution(
                                "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    }
                    alreadyMatched[i] = true;
                }
            }
            out.add(new Series(resultLabels(series.labels(), operator, matching, returnBool), values, present));
        }
        return Vectors.merged(out);
    }

    /** The series of the right-hand side that matches at each step; two at once are many-to-many, which Prometheus refuses. */
    private Series[] partnersAtEachStep(Labels signature, List<Series> candidates) {
        var partners = new Series[steps];
        for (var series : candidates) {
            for (var i = 0; i < steps; i++) {
                if (!series.present()[i]) {
                    continue;
                }
                if (partners[i] != null) {
                    throw PromqlException.execution("found duplicate series for the match group " + signature
                            + " on the right hand-side of the operation: [" + series.labels() + ", " + partners[i].labels()
                            + "];many-to-many matching not allowed: matching labels must be unique on one side");
                }
                partners[i] = series;
            }
        }
        return partners;
    }

    private static Labels resultLabels(Labels labels, BinaryOperator operator, VectorMatching matching, boolean returnBool) {
        var result = operator.isComparison() ? labels : dropName(labels);
        result = matching.on() ? result.keep(matching.labels()) : result.drop(matching.labels());
        return returnBool ? dropName(result) : result;
    }

    private static Labels signature(Labels labels, VectorMatching matching) {
        if (matching.on()) {
            return labels.keep(matching.labels());
        }
        var dropped = new HashSet<>(matching.labels());
        dropped.add(Labels.NAME);
        return labels.drop(dropped);
    }
}
