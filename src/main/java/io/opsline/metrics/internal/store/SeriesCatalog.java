package io.opsline.metrics.internal.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.opsline.metrics.Labels;

/**
 * The series registry: finds or creates series by labels, keeping this node's {@link SeriesIndex}
 * up to date with the series other nodes create. Reads new rows by id above the highest seen. Ids
 * are handed out before the rows commit, so a lower id may commit after a higher one was read: ids
 * skipped that way are remembered for {@link #GAP_MEMORY_MS} and asked for again, after which a gap
 * is taken for a rolled-back insert.
 */
final class SeriesCatalog {

    static final long GAP_MEMORY_MS = 5 * 60_000;
    /** More gaps than this and the next refresh reads from the oldest rather than ask for each. */
    private static final int MAX_GAPS = 10_000;

    private final SeriesRepository repository;
    private final SeriesIndex index = new SeriesIndex();
    private final int maxSeriesPerSource;
    /** Held while reading new rows, a database call: only refreshes wait for one another, not appends or reads. */
    private final ReentrantLock refreshing = new ReentrantLock();
    private long highestSeen;
    /** Ids below {@link #highestSeen} not seen yet, with when they were first missed. */
    private final Map<Long, Long> gaps = new HashMap<>();
    private final LongAdder created = new LongAdder();

    SeriesCatalog(SeriesRepository repository, int maxSeriesPerSource) {
        this.repository = repository;
        this.maxSeriesPerSource = maxSeriesPerSource;
    }

    /** How many series this node created. */
    long created() {
        return created.sum();
    }

    SeriesIndex index() {
        return index;
    }

    /** Reads the series created since the last refresh, by any node. */
    void refresh() {
        refreshing.lock();
        try {
            var now = System.currentTimeMillis();
            gaps.values().removeIf(missedAt -> now - missedAt > GAP_MEMORY_MS);
            var from = gaps.isEmpty() ? highestSeen : gaps.keySet().stream().mapToLong(Long::longValue).min()
                    .getAsLong() - 1;
            var expected = new long[] {from + 1};
            repository.readAfter(from, row -> {
                for (var id = expected[0]; id < row.id(); id++) {
                    if (id > highestSeen && !index.contains(id)) {
                        gaps.putIfAbsent(id, now);
                    }
                }
                gaps.remove(row.id());
                index.add(row.id(), row.labels(), row.source());
                expected[0] = row.id() + 1;
                highestSeen = Math.max(highestSeen, row.id());
            });
            if (gaps.size() > MAX_GAPS) {
                // Reading from the oldest gap covers them all; forgetting the newer ones costs nothing.
                var oldest = gaps.keySet().stream().mapToLong(Long::longValue).min().getAsLong();
                gaps.keySet().removeIf(id -> id != oldest);
            }
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * The ids of these series, creating those that do not exist; -1 for a series refused because
     * its source has as many as it may. Which of a batch's new series still fit is decided in the
     * batch's order.
     */
    long[] resolve(String source, List<Labels> series) {
        var ids = new long[series.size()];
        var missing = new ArrayList<Labels>();
        for (var i = 0; i < ids.length; i++) {
            ids[i] = index.id(series.get(i));
            if (ids[i] < 0) {
                missing.add(series.get(i));
            }
        }
        if (missing.isEmpty()) {
            return ids;
        }
        // Another node may have made them: look before counting them against the limit.
        refresh();
        var creatable = new ArrayList<Labels>();
        var room = maxSeriesPerSource - index.seriesOf(source);
        var seen = new HashSet<Labels>();
        for (var labels : missing) {
            if (index.id(labels) < 0 && seen.add(labels) && creatable.size() < room) {
                creatable.add(labels);
            }
        }
        // Taken from the rows, not the index: another task adding the same series to the index may
        // not have finished, and this task's add then returns before the id can be found by labels.
        var createdIds = new HashMap<Labels, Long>();
        if (!creatable.isEmpty()) {
            var created = repository.create(creatable, source);
            this.created.add(created.inserted());
            for (var row : created.rows()) {
                index.add(row.id(), row.labels(), row.source());
                createdIds.put(row.labels(), row.id());
            }
        }
        for (var i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                var created = createdIds.get(series.get(i));
                ids[i] = created != null ? created : index.id(series.get(i));
            }
        }
        return ids;
    }
}
