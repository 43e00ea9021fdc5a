package io.opsline.metrics.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;

/**
 * This node's picture of every series: id to labels, labels to id, and for each label name and
 * value the ids of the series that have it, so that a selector's {@code =} and regular-expression
 * matchers look up ids rather than test every series. Series are only ever added.
 */
final class SeriesIndex {

    private static final long[] NONE = new long[0];

    private final Map<Labels, Long> idsByLabels = new ConcurrentHashMap<>();
    private final Map<Long, Labels> labelsById = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Postings>> postings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seriesPerSource = new ConcurrentHashMap<>();

    /**
     * Adds a series; false when it was known already, perhaps by an add still running on another
     * thread, in which case {@link #id} may not find it by its labels for a moment yet.
     */
    boolean add(long id, Labels labels, String source) {
        if (labelsById.putIfAbsent(id, labels) != null) {
            return false;
        }
        for (var i = 0; i < labels.size(); i++) {
            postings.computeIfAbsent(labels.name(i), name -> new ConcurrentHashMap<>())
                    .computeIfAbsent(labels.value(i), value -> new Postings()).add(id);
        }
        seriesPerSource.computeIfAbsent(source, s -> new AtomicInteger()).incrementAndGet();
        // Last, so that whoever finds the id by its labels finds it in the postings too.
        idsByLabels.put(labels, id);
        return true;
    }

    /** The id of a series, or -1 when this node does not know it. */
    long id(Labels labels) {
        var id = idsByLabels.get(labels);
        return id == null ? -1 : id;
    }

    Labels labels(long id) {
        return labelsById.get(id);
    }

    boolean contains(long id) {
        return labelsById.containsKey(id);
    }

    int size() {
        return labelsById.size();
    }

    /** How many series a source created, as far as this node knows. */
    int seriesOf(String source) {
        var count = seriesPerSource.get(source);
        return count == null ? 0 : count.get();
    }

    /**
     * The ids of the series every matcher selects, sorted. Matchers that do not select the empty
     * value narrow the candidates through the postings (an {@code =} by one lookup, the others
     * through the label's values); the rest, like {@code !=}, are tested on the candidates' labels.
     * Without a narrowing matcher every series is a candidate.
     */
    long[] select(List<Matcher> matchers) {
        long[] candidates = null;
        var filters = new ArrayList<Matcher>();
        for (var matcher : matchers) {
            if (matcher.matchesEmpty()) {
                filters.add(matcher);
                continue;
            }
            var ids = postingsOf(matcher);
            candidates = candidates == null ? ids : Postings.intersect(candidates, ids);
            if (candidates.length == 0) {
                return NONE;
            }
        }
        if (candidates == null) {
            candidates = all();
        }
        if (filters.isEmpty()) {
            return candidates;
        }
        var kept = new long[candidates.length];
        var n = 0;
        for (var id : candidates) {
            var labels = labelsById.get(id);
            if (filters.stream().allMatch(filter -> filter.matches(labels))) {
                kept[n++] = id;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private long[] postingsOf(Matcher matcher) {
        var values = postings.get(matcher.name());
        if (values == null) {
            return NONE;
        }
        if (matcher.op() == Matcher.Op.EQUAL) {
            var ids = values.get(matcher.value());
            return ids == null ? NONE : ids.snapshot();
        }
        var ids = NONE;
        for (var entry : values.entrySet()) {
            if (matcher.matchesValue(entry.getKey())) {
                ids = Postings.union(ids, entry.getValue().snapshot());
            }
        }
        return ids;
    }

    private long[] all() {
        var ids = labelsById.keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(ids);
        return ids;
    }
}
