package io.opsline.metrics.internal.promql;

import static io.opsline.metrics.internal.promql.Value.dropName;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.SeriesSource.Aggregate;
import io.opsline.metrics.internal.promql.Expr.Aggregation;
import io.opsline.metrics.internal.promql.Expr.Binary;
import io.opsline.metrics.internal.promql.Expr.Call;
import io.opsline.metrics.internal.promql.Expr.MatrixSelector;
import io.opsline.metrics.internal.promql.Expr.Negation;
import io.opsline.metrics.internal.promql.Expr.NumberLiteral;
import io.opsline.metrics.internal.promql.Expr.Parenthesis;
import io.opsline.metrics.internal.promql.Expr.StringLiteral;
import io.opsline.metrics.internal.promql.Expr.ValueType;
import io.opsline.metrics.internal.promql.Expr.VectorSelector;
import io.opsline.metrics.internal.promql.PromqlException.ErrorType;
import io.opsline.metrics.internal.promql.QueryResult.Sample;
import io.opsline.metrics.internal.promql.Value.Scalars;
import io.opsline.metrics.internal.promql.Value.Series;
import io.opsline.metrics.internal.promql.Value.Text;
import io.opsline.metrics.internal.promql.Value.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

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

    /** Per step, the samples its window holds: indexes {@code from[i]} (included) to {@code to[i]} (excluded). */
    private record StepWindows(int[] from, int[] to) {
    }

    /** One evaluation: its steps, deadline and the series read so far. */
    private final class Run {

        private final long[] times;
        private final int steps;
        private final Deadline deadline;
        private final boolean closedWindows;
        private final Aggregations aggregations;
        private final BinaryEvaluation binaries;
        private int seriesRead;

        Run(long[] times) {
            this.times = times;
            this.steps = times.length;
            this.deadline = new Deadline(settings.timeout());
            this.closedWindows = settings.windows() == QuerySettings.Windows.CLOSED;
            this.aggregations = new Aggregations(steps, deadline);
            this.binaries = new BinaryEvaluation(steps, deadline);
        }

        Value evaluate(Expr expr) {
            deadline.check();
            return switch (expr) {
                case NumberLiteral number -> constant(number.value());
                case StringLiteral string -> new Text(string.value());
                case Parenthesis parenthesis -> evaluate(parenthesis.inner());
                case Negation negation -> negate(evaluate(negation.operand()));
                case VectorSelector selector -> select(selector);
                case MatrixSelector matrix -> throw PromqlException.execution("a range vector can only be a function's argument");
                case Call call -> call(call);
                case Aggregation aggregation -> aggregations.apply(aggregation,
                        ((Vectors) evaluate(aggregation.argument())).series(), aggregation.parameter() == null ? null
                                : ((Scalars) evaluate(aggregation.parameter())).values());
                case Binary binary -> binaries.apply(binary, evaluate(binary.lhs()), evaluate(binary.rhs()));
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
            return Vectors.merged(out);
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
                deadline.check();
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
            return Vectors.merged(out);
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
                deadline.check();
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
            return Vectors.merged(out);
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
                deadline.check();
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
            return Vectors.merged(out);
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
