package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.inventory.Inventory;
import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.Metrics;
import io.opsline.metrics.SeriesData;

/**
 * Checks' samples as series of the metrics module: what the engine measured goes in, one call per
 * batch of results, and a check's series come back condensed for its graph.
 *
 * <p>A sample of label {@code L} in unit {@code U} is a series named {@code check_<L>} plus the
 * Prometheus suffix of its unit ({@code _seconds}, {@code _bytes}, {@code _percent}, {@code _total}
 * for counters, none for plain numbers), every character of the name outside {@code [a-zA-Z0-9_]}
 * made {@code _}, labelled {@code check_id}, {@code check} (the check's name), {@code ci_id},
 * {@code ci} (the CI's name) and {@code perfdata} (the label as the check wrote it, which the name
 * cannot always give back: {@code /} and {@code _} both become {@code _}).
 */
@Service
public class CheckMetrics {

    /** The source the metrics module counts checks' series against, for its series limit. */
    static final String SOURCE = "monitoring";
    static final String CHECK_ID = "check_id";
    static final String CHECK = "check";
    static final String CI_ID = "ci_id";
    static final String CI = "ci";
    static final String PERFDATA = "perfdata";
    /**
     * The longest label value kept, in code points: what the metrics module takes from a scrape or a
     * remote write; check and CI names are much shorter, but are not this class's to limit.
     */
    static final int MAX_VALUE_LENGTH = 2_048;

    private static final Logger log = LoggerFactory.getLogger(CheckMetrics.class);
    private static final String PREFIX = "check_";
    /** Labels made, by what they are made of; emptied when this large, as after many renames. */
    private static final int LABELS_CACHED = 100_000;
    private static final Comparator<String> LABEL_ORDER = String.CASE_INSENSITIVE_ORDER
            .thenComparing(Comparator.naturalOrder());
    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final Metrics metrics;
    private final Inventory inventory;
    private final TransactionTemplate separate;
    private final Map<SeriesKey, Labels> labelsCache = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    CheckMetrics(Metrics metrics, Inventory inventory, PlatformTransactionManager transactions) {
        this.metrics = metrics;
        this.inventory = inventory;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * {@link #record}s the samples once the current transaction has committed, in a transaction of
     * their own; at once when there is none. Metrics creates series and acknowledges samples as
     * committed, which a transaction that may still roll back would belie (and its in-memory
     * registry would keep series that never were); and results are not to wait for it. Should
     * metrics fail then, the samples are lost and said so in a warning, as the results are stored.
     */
    public void recordAfterCommit(Collection<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            record(samples);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    separate.executeWithoutResult(status -> record(samples));
                } catch (RuntimeException e) {
                    log.warn("Could not record {} check samples into metrics; their results are stored",
                            samples.size(), e);
                }
            }
        });
    }

    /**
     * Records samples into metrics in one call. Samples metrics refuses (older than their series'
     * newest, as after the clock was set back, or past the series limit) are counted and logged at
     * debug level, not thrown: they must not cost the results they came with.
     */
    public void record(Collection<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        var ciIds = new HashSet<UUID>();
        samples.forEach(sample -> ciIds.add(sample.ciId()));
        var cis = inventory.findAll(ciIds);
        var runs = new LinkedHashMap<Labels, Run>();
        for (var sample : samples) {
            var ci = cis.get(sample.ciId());
            var labels = labelsCache.computeIfAbsent(new SeriesKey(sample.checkId(), sample.checkName(), sample.ciId(),
                    ci == null ? "" : ci.name(), sample.label(), sample.unit()), CheckMetrics::labels);
            runs.computeIfAbsent(labels, l -> new Run()).add(sample.at().toEpochMilli(), sample.value());
        }
        if (labelsCache.size() > LABELS_CACHED) {
            labelsCache.clear();
        }
        var batch = new ArrayList<SeriesData>(runs.size());
        runs.forEach((labels, run) -> batch.add(run.toSeriesData(labels)));
        var recorded = metrics.record(SOURCE, batch);
        if (recorded.refused() > 0) {
            refused.add(recorded.refused());
            log.debug("Metrics refused {} of {} check samples ({} since start), first: {}", recorded.refused(),
                    samples.size(), refused.sum(), recorded.messages().isEmpty() ? "" : recorded.messages().getFirst());
        }
    }

    /**
     * A check's series from {@code from} (inclusive) to {@code to} (exclusive), each with at most
     * {@code maxPoints} points: the range is cut into that many buckets of equal, whole-second width
     * from {@code from}, and each bucket that holds samples gives one point with their minimum,
     * average and maximum. A label's series under an earlier name of the check or its CI are the
     * same series here. Labels without samples in the range are left out; the others come in the
     * order of {@link #labels(UUID)}.
     *
     * @param label only this label's series, or every label's when null
     */
    public List<Series> query(UUID checkId, String label, Instant from, Instant to, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, not " + maxPoints);
        }
        var matchers = new ArrayList<Matcher>(2);
        matchers.add(Matcher.equal(CHECK_ID, checkId.toString()));
        if (label != null) {
            matchers.add(Matcher.equal(PERFDATA, label));
        }
        var byLabel = new TreeMap<String, Condensed>(LABEL_ORDER);
        for (var data : metrics.select(matchers, from, to)) {
            var perfdata = data.labels().get(PERFDATA);
            if (perfdata == null || data.count() == 0) {
                continue;
            }
            var condensed = byLabel.computeIfAbsent(perfdata, l -> new Condensed(new Buckets(from, to, maxPoints)));
            for (var i = 0; i < data.count(); i++) {
                condensed.buckets.add(data.timestamps()[i] * 1_000, data.values()[i]);
            }
            var newest = data.timestamps()[data.count() - 1];
            if (newest >= condensed.newest) {
                condensed.newest = newest;
                condensed.unit = unitOf(data.labels().metricName(), perfdata);
            }
        }
        var series = new ArrayList<Series>(byLabel.size());
        byLabel.forEach((name, condensed) -> {
            var points = condensed.buckets.points();
            if (!points.isEmpty()) {
                series.add(new Series(name, condensed.unit, points));
            }
        });
        return series;
    }

    /** The labels a check has samples of, in alphabetical order (ignoring case). */
    public List<String> labels(UUID checkId) {
        var labels = new TreeSet<String>(LABEL_ORDER);
        for (var series : metrics.series(List.of(Matcher.equal(CHECK_ID, checkId.toString())), EARLIEST, LATEST)) {
            var perfdata = series.get(PERFDATA);
            if (perfdata != null) {
                labels.add(perfdata);
            }
        }
        return List.copyOf(labels);
    }

    /** The series name of a label's samples in a unit; see the class comment. */
    static String metricName(String label, String unit) {
        return PREFIX + sanitized(label) + suffix(unit);
    }

    /** The unit a series name gives, knowing the label it is of: the reverse of {@link #metricName}. */
    static String unitOf(String metricName, String label) {
        var stem = PREFIX + sanitized(label);
        var suffix = metricName.startsWith(stem) ? metricName.substring(stem.length()) : "";
        return switch (suffix) {
            case "" -> "";
            case "_seconds" -> "s";
            case "_bytes" -> "B";
            case "_percent" -> "%";
            case "_total" -> "c";
            default -> suffix.substring(1);
        };
    }

    private static String suffix(String unit) {
        return switch (unit) {
            case "" -> "";
            case "s" -> "_seconds";
            case "B" -> "_bytes";
            case "%" -> "_percent";
            case "c" -> "_total";
            // A unit no guideline names is kept in the name, so that values in different units stay apart.
            default -> "_" + sanitized(unit);
        };
    }

    private static String sanitized(String text) {
        var chars = text.toCharArray();
        for (var i = 0; i < chars.length; i++) {
            var c = chars[i];
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                chars[i] = '_';
            }
        }
        return new String(chars);
    }

    private static Labels labels(SeriesKey key) {
        return Labels.of(Labels.NAME, metricName(key.label(), key.unit()), CHECK_ID, key.checkId().toString(), CHECK,
                limited(key.checkName()), CI_ID, key.ciId().toString(), CI, limited(key.ciName()), PERFDATA,
                key.label());
    }

    private static String limited(String value) {
        return value.codePointCount(0, value.length()) <= MAX_VALUE_LENGTH ? value
                : value.substring(0, value.offsetByCodePoints(0, MAX_VALUE_LENGTH));
    }

    /** What a series' labels are made of. */
    private record SeriesKey(UUID checkId, String checkName, UUID ciId, String ciName, String label, String unit) {
    }

    /** One series' samples of a batch, sorted when given out of order (results of a batch come as they finish). */
    private static final class Run {

        private long[] times = new long[1];
        private double[] values = new double[1];
        private int count;
        private boolean sorted = true;

        void add(long time, double value) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            sorted &= count == 0 || times[count - 1] <= time;
            times[count] = time;
            values[count++] = value;
        }

        SeriesData toSeriesData(Labels labels) {
            if (!sorted) {
                var order = new Integer[count];
                for (var i = 0; i < count; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingLong(i -> times[i]));
                var t = new long[count];
                var v = new double[count];
                for (var i = 0; i < count; i++) {
                    t[i] = times[order[i]];
                    v[i] = values[order[i]];
                }
                times = t;
                values = v;
            }
            return new SeriesData(labels, times, values, count);
        }
    }

    /** One label's buckets, and the unit of its newest sample. */
    private static final class Condensed {

        private final Buckets buckets;
        private long newest = Long.MIN_VALUE;
        private String unit = "";

        Condensed(Buckets buckets) {
            this.buckets = buckets;
        }
    }
}
