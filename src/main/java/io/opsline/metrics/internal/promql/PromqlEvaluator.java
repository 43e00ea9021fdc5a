package io.opsline.metrics.internal.promql;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.SeriesSource.Aggregate;
import io.opsline.metrics.internal.promql.Expr.Aggregation;
import io.opsline.metrics.internal.promql.Expr.Aggregator;
import io.opsline.metrics.internal.promql.Expr.Binary;
import io.opsline.metrics.internal.promql.Expr.BinaryOperator;
import io.opsline.metrics.internal.promql.Expr.Call;
import io.opsline.metrics.internal.promql.Expr.MatrixSelector;
import io.opsline.metrics.internal.promql.Expr.Negation;
import io.opsline.metrics.internal.promql.Expr.NumberLiteral;
import io.opsline.metrics.internal.promql.Expr.Parenthesis;
import io.opsline.metrics.internal.promql.Expr.StringLiteral;
import io.opsline.metrics.internal.promql.Expr.ValueType;
import io.opsline.metrics.internal.promql.Expr.VectorMatching;
import io.opsline.metrics.internal.promql.Expr.VectorSelector;
import io.opsline.metrics.internal.promql.PromqlException.ErrorType;
import io.opsline.metrics.internal.promql.QueryResult.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates PromQL with Prometheus' semantics over samples read through a {@link SeriesSource}.
 * A range query is evaluated for all its steps at once: each selector reads its series once, from
 * the first step minus its range or the lookback delta to the last step, and every operator works on
 * whole series of step values, so labels are computed once per series and not once per step.
 */
public final class PromqlEvaluator {

    private final SeriesSource source;
    private final QuerySettings settings;

    public PromqlEvaluator(SeriesSource source, QuerySettings settings) {
        this.source = source;
        this.settings = settings;
    }

    /** Parses and evaluates a query at one time (milliseconds since the epoch), as {@code /api/v1/query}. */
    public QueryResult instantQuery(String query, long timeMs) {
        return instant(PromqlParser.parse(query), timeMs);
    }

    /** Parses and evaluates a query at every step from start to end (milliseconds), as {@code /api/v1/query_range}. */
    public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
        return range(PromqlParser.parse(query), startMs, endMs, stepMs);
    }

    public QueryResult instant(Expr expr, long timeMs) {
        var run = new Run(new long[] {timeMs});
        var unwrapped = unwrap(expr);
        return switch (expr.type()) {
            case MATRIX -> run.rawSamples((MatrixSelector) unwrapped, timeMs);
            case STRING -> new QueryResult.Text(timeMs, ((StringLiteral) unwrapped).value());
            case SCALAR -> new QueryResult.Scalar(timeMs, ((Scalars) run.evaluate(expr)).values()[0]);
            case VECTOR -> {
                var samples = new ArrayList<Sample>();
                for (var series : ((Vectors) run.evaluate(expr)).series()) {
                    if (series.present()[0]) {
                        samples.add(new Sample(series.labels(), series.values()[0]));
                    }
                }
                samples.sort(Comparator.comparing(Sample::labels));
                yield new QueryResult.Vector(timeMs, samples);
            }
        };
    }

    public QueryResult range(Expr expr, long startMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            throw new PromqlException(ErrorType.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMs < startMs) {
            throw new PromqlException(ErrorType.BAD_DATA, "end timestamp must not be before start time");
        }
        var steps = (endMs - startMs) / stepMs + 1;
        if (steps > settings.maxPointsPerSeries()) {
            throw new PromqlException(ErrorType.BAD_DATA, String.format(java.util.Locale.ROOT,
                    "exceeded maximum resolution of %,d points per timeseries. Try decreasing the query resolution (?step=XX)",
                    settings.maxPointsPerSeries()));
        }
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
            throw new PromqlException(ErrorType.BAD_DATA, "invalid expression type \"" + expr.type().description()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        var times = new long[(int) steps];
        for (var i = 0; i < times.length; i++) {
            times[i] = startMs + i * stepMs;
        }
        var value = new Run(times).evaluate(expr);
        var result = new ArrayList<SeriesData>();
        if (value instanceof Scalars scalars) {
            result.add(new SeriesData(Labels.EMPTY, times, scalars.values(), times.length));
        } else {
            for (var series : ((Vectors) value).series()) {
                var count = 0;
                for (var present : series.present()) {
                    count += present ? 1 : 0;
                }
                if (count == 0) {
                    continue;
                }
                var timestamps = new long[count];
                var values = new double[count];
                var j = 0;
                for (var i = 0; i < times.length; i++) {
                    if (series.present()[i]) {
                        timestamps[j] = times[i];
                        values[j++] = series.values()[i];
                    }
                }
                result.add(new SeriesData(series.labels(), timestamps, values, count));
            }
            result.sort(Comparator.comparing(SeriesData::labels));
        }
        return new QueryResult.Matrix(result);
    }

    private static Expr unwrap(Expr expr) {
        var inner = expr;
        while (inner instanceof Parenthesis parenthesis) {
            inner = parenthesis.inner();
        }
        return inner;
    }

    private sealed interface Value {
    }

    /** A scalar at every step. */
    private record Scalars(double[] values) implements Value {
    }

    private record Vectors(List<Series> series) implements Value {
    }

    private record Text(String value) implements Value {
    }

    /** Per step, the samples its window holds: indexes {@code from[i]} (included) to {@code to[i]} (excluded). */
    private record StepWindows(int[] from, int[] to) {
    }

    /** One series of an instant vector at every step: a value where {@code present}. */
    private record Series(Labels labels, double[] values, boolean[] present) {
    }

    /** One evaluation: its steps, deadline and the series read so far. */
    private final class Run {

        private final long[] times;
        private final int steps;
        private final long deadline;
        private final boolean closedWindows;
        private int seriesRead;

        Run(long[] times) {
            this.times = times;
            this.steps = times.length;
            this.deadline = System.nanoTime() + settings.timeout().toNanos();
            this.closedWindows = settings.windows() == QuerySettings.Windows.CLOSED;
        }

        Value evaluate(Expr expr) {
            checkDeadline();
            return switch (expr) {
                case NumberLiteral number -> constant(number.value());
                case StringLiteral string -> new Text(string.value());
                case Parenthesis parenthesis -> evaluate(parenthesis.inner());
                case Negation negation -> negate(evaluate(negation.operand()));
                case VectorSelector selector -> select(selector);
                case MatrixSelector matrix -> throw PromqlException.execution("a range vector can only be a function's argument");
                case Call call -> call(call);
                case Aggregation aggregation -> aggregate(aggregation);
                case Binary binary -> binary(binary);
            };
        }

        private Scalars constant(double value) {
            var values = new double[steps];
            Arrays.fill(values, value);
            return new Scalars(values);
        }

        private Value negate(Value operand) {
            if (operand instanceof Scalars scalars) {
                var values = new double[steps];
                for (var i = 0; i < steps; i++) {
                    values[i] = -scalars.values()[i];
                }
                return new Scalars(values);
            }
            var out = new ArrayList<Series>();
            for (var series : ((Vectors) operand).series()) {
                var values = new double[steps];
                for (var i = 0; i < steps; i++) {
                    values[i] = -series.values()[i];
                }
                out.add(new Series(dropName(series.labels()), values, series.present()));
            }
            return merged(out);
        }

        private List<SeriesData> fetch(List<Matcher> matchers, long fromMs, long toMs) {
            return fetch(matchers, fromMs, toMs, 0, Aggregate.LAST);
        }

        private List<SeriesData> fetch(List<Matcher> matchers, long fromMs, long toMs, long resolutionMs,
                Aggregate aggregate) {
            var data = source.select(matchers, fromMs, toMs, resolutionMs, aggregate);
            seriesRead += data.size();
            if (seriesRead > settings.maxSeries()) {
                throw PromqlException.execution("query reads more than " + settings.maxSeries()
                        + " series, the limit; narrow its selectors");
            }
            return data;
        }

        /** The time between steps; 0 for an instant query. */
        private long step() {
            return steps > 1 ? times[1] - times[0] : 0;
        }

        private Vectors select(VectorSelector selector) {
            var lookback = settings.lookbackDelta().toMillis();
            var from = times[0] - lookback;
            var resolution = settings.resolutionFor(step(), 0, from, System.currentTimeMillis());
            var out = new ArrayList<Series>();
            for (var data : fetch(selector.matchers(), from, times[steps - 1], resolution, Aggregate.LAST)) {
                checkDeadline();
                var timestamps = data.timestamps();
                var values = new double[steps];
                var present = new boolean[steps];
                var any = false;
                var newest = -1;
                for (var i = 0; i < steps; i++) {
                    var t = times[i];
                    while (newest + 1 < data.count() && timestamps[newest + 1] <= t) {
                        newest++;
                    }
                    if (newest < 0 || !inWindow(timestamps[newest], t - lookback)) {
                        continue;
                    }
                    var value = data.values()[newest];
                    if (Double.doubleToRawLongBits(value) != SeriesSource.STALE_NAN_BITS) {
                        values[i] = value;
                        present[i] = true;
                        any = true;
                    }
                }
                if (any) {
                    out.add(new Series(data.labels(), values, present));
                }
            }
            return new Vectors(out);
        }

        /** Whether a sample at a time lies inside a window that starts at {@code windowStart}. */
        private boolean inWindow(long timestamp, long windowStart) {
            return closedWindows ? timestamp >= windowStart : timestamp > windowStart;
        }

        QueryResult.Matrix rawSamples(MatrixSelector matrix, long timeMs) {
            var out = new ArrayList<SeriesData>();
            for (var data : fetch(matrix.selector().matchers(), timeMs - matrix.rangeMs(), timeMs)) {
                var samples = withoutStaleMarkers(data);
                var first = 0;
                while (first < samples.count() && !inWindow(samples.timestamps()[first], timeMs - matrix.rangeMs())) {
                    first++;
                }
                var count = samples.count() - first;
                if (count > 0) {
                    out.add(new SeriesData(data.labels(),
                            Arrays.copyOfRange(samples.timestamps(), first, samples.count()),
                            Arrays.copyOfRange(samples.values(), first, samples.count()), count));
                }
            }
            return new QueryResult.Matrix(out);
        }

        private Value call(Call call) {
            var function = call.function();
            var arguments = call.arguments();
            return switch (function) {
                case RATE, INCREASE, DELTA, IRATE, IDELTA, AVG_OVER_TIME, MIN_OVER_TIME, MAX_OVER_TIME, SUM_OVER_TIME,
                        COUNT_OVER_TIME, LAST_OVER_TIME -> overTime(function, (MatrixSelector) unwrap(arguments.get(0)));
                case ABS -> map(arguments.get(0), null, (value, parameter) -> Math.abs(value));
                case CEIL -> map(arguments.get(0), null, (value, parameter) -> Math.ceil(value));
                case FLOOR -> map(arguments.get(0), null, (value, parameter) -> Math.floor(value));
                case ROUND -> map(arguments.get(0), arguments.size() > 1 ? arguments.get(1) : new NumberLiteral(1),
                        (value, toNearest) -> {
                            // As Prometheus: multiplying by the inverse causes fewer rounding errors than dividing.
                            var inverse = 1.0 / toNearest;
                            return Math.floor(value * inverse + 0.5) / inverse;
                        });
                case CLAMP_MIN -> map(arguments.get(0), arguments.get(1), (value, min) -> Math.max(min, value));
                case CLAMP_MAX -> map(arguments.get(0), arguments.get(1), (value, max) -> Math.min(max, value));
                case TIME -> {
                    var values = new double[steps];
                    for (var i = 0; i < steps; i++) {
                        values[i] = times[i] / 1000.0;
                    }
                    yield new Scalars(values);
                }
                case VECTOR -> {
                    var present = new boolean[steps];
                    Arrays.fill(present, true);
                    yield new Vectors(List.of(new Series(Labels.EMPTY, ((Scalars) evaluate(arguments.get(0))).values(), present)));
                }
                case SCALAR -> scalar((Vectors) evaluate(arguments.get(0)));
            };
        }

        private Scalars scalar(Vectors vectors) {
            var values = new double[steps];
            for (var i = 0; i < steps; i++) {
                var found = 0;
                var value = Double.NaN;
                for (var series : vectors.series()) {
                    if (series.present()[i]) {
                        found++;
                        value = series.values()[i];
                    }
                }
                values[i] = found == 1 ? value : Double.NaN;
            }
            return new Scalars(values);
        }

        private Vectors map(Expr argument, Expr parameterExpr, ValueFunction function) {
            var vectors = (Vectors) evaluate(argument);
            var parameters = parameterExpr == null ? null : ((Scalars) evaluate(parameterExpr)).values();
            var out = new ArrayList<Series>(vectors.series().size());
            for (var series : vectors.series()) {
                var values = new double[steps];
                for (var i = 0; i < steps; i++) {
                    if (series.present()[i]) {
                        values[i] = function.apply(series.values()[i], parameters == null ? 0 : parameters[i]);
                    }
                }
                out.add(new Series(dropName(series.labels()), values, series.present()));
            }
            return merged(out);
        }

        /**
         * A function of a range vector at every step. Read from rollups where {@link QuerySettings#resolutionFor}
         * says so: each function then reads the figure of a bucket that gives its answer (the minimum
         * for min_over_time, the last value for rate, ...); avg_over_time divides the sums by the counts.
         */
        private Vectors overTime(PromqlFunction function, MatrixSelector matrix) {
            var range = matrix.rangeMs();
            var readFrom = times[0] - range;
            var resolution = settings.resolutionFor(step(), range, readFrom, System.currentTimeMillis());
            if (function == PromqlFunction.AVG_OVER_TIME && resolution > 0) {
                return averageOfRollups(matrix, resolution);
            }
            var minimumSamples = switch (function) {
                case RATE, INCREASE, DELTA, IRATE, IDELTA -> 2;
                default -> 1;
            };
            var aggregate = switch (function) {
                case MIN_OVER_TIME -> Aggregate.MIN;
                case MAX_OVER_TIME -> Aggregate.MAX;
                case SUM_OVER_TIME -> Aggregate.SUM;
                case COUNT_OVER_TIME -> Aggregate.COUNT;
                default -> Aggregate.LAST;
            };
            var out = new ArrayList<Series>();
            for (var data : fetch(matrix.selector().matchers(), readFrom, times[steps - 1], resolution, aggregate)) {
                checkDeadline();
                var samples = withoutStaleMarkers(data);
                var timestamps = samples.timestamps();
                var sampleValues = samples.values();
                var values = new double[steps];
                var present = new boolean[steps];
                var any = false;
                var windows = windows(timestamps, samples.count(), range);
                for (var i = 0; i < steps; i++) {
                    var t = times[i];
                    var from = windows.from()[i];
                    var to = windows.to()[i];
                    if (to - from < minimumSamples) {
                        continue;
                    }
                    values[i] = switch (function) {
                        case RATE -> RangeFunctions.extrapolatedRate(timestamps, sampleValues, from, to, t - range, t, range, true, true);
                        case INCREASE -> RangeFunctions.extrapolatedRate(timestamps, sampleValues, from, to, t - range, t, range, true, false);
                        case DELTA -> RangeFunctions.extrapolatedRate(timestamps, sampleValues, from, to, t - range, t, range, false, false);
                        case IRATE -> RangeFunctions.instantRate(timestamps, sampleValues, to, true);
                        case IDELTA -> RangeFunctions.instantRate(timestamps, sampleValues, to, false);
                        case AVG_OVER_TIME -> RangeFunctions.average(sampleValues, from, to);
                        case MIN_OVER_TIME -> RangeFunctions.minimum(sampleValues, from, to);
                        case MAX_OVER_TIME -> RangeFunctions.maximum(sampleValues, from, to);
                        case SUM_OVER_TIME -> RangeFunctions.sum(sampleValues, from, to);
                        // Counts read as 1 per raw sample and as the bucket's count per rollup.
                        case COUNT_OVER_TIME -> RangeFunctions.sum(sampleValues, from, to);
                        case LAST_OVER_TIME -> sampleValues[to - 1];
                        default -> throw new IllegalStateException(function + " is not a range function");
                    };
                    present[i] = true;
                    any = true;
                }
                if (any) {
                    out.add(new Series(function.keepsMetricName() ? data.labels() : dropName(data.labels()), values, present));
                }
            }
            return merged(out);
        }

        /** avg_over_time from rollups: per window, the buckets' sums over their counts. */
        private Vectors averageOfRollups(MatrixSelector matrix, long resolution) {
            var range = matrix.rangeMs();
            var matchers = matrix.selector().matchers();
            var counts = new HashMap<Labels, SeriesData>();
            for (var data : fetch(matchers, times[0] - range, times[steps - 1], resolution, Aggregate.COUNT)) {
                counts.put(data.labels(), withoutStaleMarkers(data));
            }
            var out = new ArrayList<Series>();
            for (var data : fetch(matchers, times[0] - range, times[steps - 1], resolution, Aggregate.SUM)) {
                checkDeadline();
                var counted = counts.get(data.labels());
                if (counted == null) {
                    continue;
                }
                // Running totals of the buckets both reads hold, matched by time: a raw sample may
                // have come between the two reads.
                var sums = withoutStaleMarkers(data);
                var at = new long[Math.min(sums.count(), counted.count())];
                var sumUpTo = new double[at.length + 1];
                var countUpTo = new double[at.length + 1];
                var matched = 0;
                for (int a = 0, b = 0; a < sums.count() && b < counted.count();) {
                    var ta = sums.timestamps()[a];
                    var tb = counted.timestamps()[b];
                    if (ta == tb) {
                        at[matched] = ta;
                        sumUpTo[matched + 1] = sumUpTo[matched] + sums.values()[a++];
                        countUpTo[matched + 1] = countUpTo[matched] + counted.values()[b++];
                        matched++;
                    } else if (ta < tb) {
                        a++;
                    } else {
                        b++;
                    }
                }
                var values = new double[steps];
                var present = new boolean[steps];
                var any = false;
                var windows = windows(at, matched, range);
                for (var i = 0; i < steps; i++) {
                    var from = windows.from()[i];
                    var to = windows.to()[i];
                    var count = countUpTo[to] - countUpTo[from];
                    if (count > 0) {
                        values[i] = (sumUpTo[to] - sumUpTo[from]) / count;
                        present[i] = true;
                        any = true;
                    }
                }
                if (any) {
                    out.add(new Series(dropName(data.labels()), values, present));
                }
            }
            return merged(out);
        }

        /**
         * Which of these sorted times each step's window of {@code range} holds: from {@code from[i]}
         * (included) to {@code to[i]} (excluded).
         */
        private StepWindows windows(long[] timestamps, int count, long range) {
            var starts = new int[steps];
            var ends = new int[steps];
            var from = 0;
            var to = 0;
            for (var i = 0; i < steps; i++) {
                var t = times[i];
                while (to < count && timestamps[to] <= t) {
                    to++;
                }
                while (from < to && !inWindow(timestamps[from], t - range)) {
                    from++;
                }
                starts[i] = from;
                ends[i] = to;
            }
            return new StepWindows(starts, ends);
        }

        private Vectors aggregate(Aggregation aggregation) {
            var input = ((Vectors) evaluate(aggregation.argument())).series();
            var parameters = aggregation.parameter() == null ? null : ((Scalars) evaluate(aggregation.parameter())).values();
            var groupIndex = new LinkedHashMap<Labels, Integer>();
            var groupOf = new int[input.size()];
            var dropped = new java.util.HashSet<>(aggregation.grouping());
            dropped.add(Labels.NAME);
            for (var s = 0; s < input.size(); s++) {
                var labels = input.get(s).labels();
                var groupLabels = aggregation.without() ? labels.drop(dropped) : labels.keep(aggregation.grouping());
                groupOf[s] = groupIndex.computeIfAbsent(groupLabels, key -> groupIndex.size());
            }
            if (aggregation.aggregator() == Aggregator.TOPK || aggregation.aggregator() == Aggregator.BOTTOMK) {
                return selectTop(aggregation.aggregator() == Aggregator.TOPK, input, groupOf, groupIndex.size(), parameters);
            }
            var groups = groupIndex.size();
            var accumulated = new double[groups * steps];
            var counts = new int[groups * steps];
            var aggregator = aggregation.aggregator();
            for (var s = 0; s < input.size(); s++) {
                checkDeadline();
                var series = input.get(s);
                var base = groupOf[s] * steps;
                for (var i = 0; i < steps; i++) {
                    if (!series.present()[i]) {
                        continue;
                    }
                    var value = series.values()[i];
                    var slot = base + i;
                    var count = ++counts[slot];
                    if (count == 1) {
                        accumulated[slot] = value;
                        continue;
                    }
                    var current = accumulated[slot];
                    accumulated[slot] = switch (aggregator) {
                        case SUM -> current + value;
                        case MIN -> current > value || Double.isNaN(current) ? value : current;
                        case MAX -> current < value || Double.isNaN(current) ? value : current;
                        case AVG -> RangeFunctions.nextMean(current, value, count);
                        default -> current;
                    };
                }
            }
            var out = new ArrayList<Series>(groups);
            for (var group : groupIndex.entrySet()) {
                var base = group.getValue() * steps;
                var values = new double[steps];
                var present = new boolean[steps];
                for (var i = 0; i < steps; i++) {
                    present[i] = counts[base + i] > 0;
                    values[i] = aggregator == Aggregator.COUNT ? counts[base + i] : accumulated[base + i];
                }
                out.add(new Series(group.getKey(), values, present));
            }
            return new Vectors(out);
        }

        /** topk and bottomk: the k highest (lowest) series of each group at each step, NaN ranked last, labels kept. */
        private Vectors selectTop(boolean top, List<Series> input, int[] groupOf, int groups, double[] parameters) {
            var present = new boolean[input.size()][steps];
            var members = new ArrayList<List<Integer>>();
            for (var g = 0; g < groups; g++) {
                members.add(new ArrayList<>());
            }
            for (var s = 0; s < input.size(); s++) {
                members.get(groupOf[s]).add(s);
            }
            var candidates = new ArrayList<Integer>();
            for (var i = 0; i < steps; i++) {
                var k = parameters[i];
                if (Double.isNaN(k) || Math.abs(k) >= 0x1p63) {
                    throw PromqlException.execution("Scalar value " + Formats.number(k) + " overflows int64");
                }
                if (k < 1) {
                    continue;
                }
                var step = i;
                Comparator<Integer> order = (a, b) -> {
                    var va = input.get(a).values()[step];
                    var vb = input.get(b).values()[step];
                    if (Double.isNaN(va) || Double.isNaN(vb)) {
                        return Boolean.compare(Double.isNaN(va), Double.isNaN(vb));
                    }
                    return top ? Double.compare(vb, va) : Double.compare(va, vb);
                };
                for (var group : members) {
                    candidates.clear();
                    for (var s : group) {
                        if (input.get(s).present()[i]) {
                            candidates.add(s);
                        }
                    }
                    candidates.sort(order);
                    for (var c = 0; c < Math.min((long) k, candidates.size()); c++) {
                        present[candidates.get(c)][i] = true;
                    }
                }
            }
            var out = new ArrayList<Series>(input.size());
            for (var s = 0; s < input.size(); s++) {
                out.add(new Series(input.get(s).labels(), input.get(s).values(), present[s]));
            }
            return new Vectors(out);
        }

        private Value binary(Binary binary) {
            var lhs = evaluate(binary.lhs());
            var rhs = evaluate(binary.rhs());
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
            return dropsName ? merged(out) : new Vectors(out);
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
                return merged(out);
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
                checkDeadline();
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
            return merged(out);
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
            var dropped = new java.util.HashSet<>(matching.labels());
            dropped.add(Labels.NAME);
            return labels.drop(dropped);
        }

        /**
         * The series with equal labels joined into one; Prometheus refuses a vector with two series of
         * the same labels at one time, as after {@code rate({__name__=~"a|b"}[5m])} drops the names.
         */
        private Vectors merged(List<Series> series) {
            var byLabels = new LinkedHashMap<Labels, Series>(series.size() * 2);
            var duplicates = false;
            for (var one : series) {
                duplicates |= byLabels.putIfAbsent(one.labels(), one) != null;
            }
            if (!duplicates) {
                return new Vectors(series);
            }
            byLabels.clear();
            for (var one : series) {
                var existing = byLabels.get(one.labels());
                if (existing == null) {
                    byLabels.put(one.labels(), new Series(one.labels(), one.values().clone(), one.present().clone()));
                    continue;
                }
                for (var i = 0; i < steps; i++) {
                    if (one.present()[i]) {
                        if (existing.present()[i]) {
                            throw PromqlException.execution("vector cannot contain metrics with the same labelset");
                        }
                        existing.present()[i] = true;
                        existing.values()[i] = one.values()[i];
                    }
                }
            }
            return new Vectors(new ArrayList<>(byLabels.values()));
        }

        private void checkDeadline() {
            if (System.nanoTime() - deadline > 0) {
                throw new PromqlException(ErrorType.TIMEOUT, "query timed out in expression evaluation");
            }
        }
    }

    private static Labels dropName(Labels labels) {
        return labels.get(Labels.NAME) == null ? labels : labels.drop(Set.of(Labels.NAME));
    }

    /** The samples without staleness markers, which Prometheus leaves out of every range. */
    private static SeriesData withoutStaleMarkers(SeriesData data) {
        var values = data.values();
        var stale = 0;
        for (var i = 0; i < data.count(); i++) {
            if (Double.doubleToRawLongBits(values[i]) == SeriesSource.STALE_NAN_BITS) {
                stale++;
            }
        }
        if (stale == 0) {
            return data;
        }
        var timestamps = new long[data.count() - stale];
        var kept = new double[data.count() - stale];
        var j = 0;
        for (var i = 0; i < data.count(); i++) {
            if (Double.doubleToRawLongBits(values[i]) != SeriesSource.STALE_NAN_BITS) {
                timestamps[j] = data.timestamps()[i];
                kept[j++] = values[i];
            }
        }
        return new SeriesData(data.labels(), timestamps, kept, j);
    }

    @FunctionalInterface
    private interface ValueFunction {
        double apply(double value, double parameter);
    }
}
