package io.opsline.monitoring.internal.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

import org.springframework.stereotype.Component;

/**
 * How the engine keeps to its schedule: checks started per second and how late they started
 * (from the slot they were due in to the moment they began), over a sliding window of the last
 * minute. Lateness is counted in buckets of growing width (1 ms up to 1 s, then coarser) so that
 * recording costs two atomic increments, whatever the rate.
 */
@Component
public class EngineStats {

    /** The window: one slot per second of the last minute. */
    private static final int SECONDS = 60;
    /** Bucket upper bounds in milliseconds; one more bucket holds everything later. */
    private static final long[] BOUNDS = bounds();

    private final AtomicLongArray counts = new AtomicLongArray(SECONDS * (BOUNDS.length + 1));
    private final long[] slotSecond = new long[SECONDS];
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private volatile int scheduled;
    private volatile IntSupplier unsaved = () -> 0;

    /**
     * What the last {@code seconds} seconds looked like.
     *
     * @param scheduled how many checks this node runs the schedule of
     * @param running how many checks are running right now
     * @param unsaved results waiting to be written to the database; a number that keeps growing
     *        means the database cannot keep up with the checks
     */
    public record Window(int seconds, long checks, double perSecond, long p50Millis, long p99Millis,
            long maxMillis, int scheduled, long running, long unsaved) {
    }

    /** How many checks this node runs the schedule of, as of its last sync. */
    public void scheduled(int count) {
        scheduled = count;
    }

    /** Where to read how many results wait to be written. */
    void unsavedFrom(IntSupplier source) {
        unsaved = source;
    }

    /** A check started this late. */
    public void started(Duration lateness) {
        started(lateness, System.currentTimeMillis() / 1000);
    }

    /** A check started this late, in this second since the epoch. */
    void started(Duration lateness, long second) {
        started.incrementAndGet();
        var millis = Math.max(0, lateness.toMillis());
        var slot = (int) (second % SECONDS);
        synchronized (slotSecond) {
            if (slotSecond[slot] != second) {
                for (int b = 0; b <= BOUNDS.length; b++) {
                    counts.set(slot * (BOUNDS.length + 1) + b, 0);
                }
                slotSecond[slot] = second;
            }
        }
        counts.incrementAndGet(slot * (BOUNDS.length + 1) + bucket(millis));
    }

    public void finished() {
        finished.incrementAndGet();
    }

    /** Checks started since this node started. */
    public long startedTotal() {
        return started.get();
    }

    /** Checks running right now. */
    public long running() {
        return started.get() - finished.get();
    }

    /** The last {@code seconds} full seconds (the current, unfinished one left out), at most 59. */
    public Window window(int seconds) {
        return window(seconds, System.currentTimeMillis() / 1000);
    }

    /** The {@code seconds} full seconds before second {@code now} since the epoch. */
    Window window(int seconds, long now) {
        var span = Math.max(1, Math.min(SECONDS - 1, seconds));
        var merged = new long[BOUNDS.length + 1];
        long total = 0;
        synchronized (slotSecond) {
            for (int back = 1; back <= span; back++) {
                var second = now - back;
                var slot = (int) (second % SECONDS);
                if (slotSecond[slot] != second) {
                    continue;
                }
                for (int b = 0; b <= BOUNDS.length; b++) {
                    var n = counts.get(slot * (BOUNDS.length + 1) + b);
                    merged[b] += n;
                    total += n;
                }
            }
        }
        return new Window(span, total, (double) total / span, percentile(merged, total, 0.50),
                percentile(merged, total, 0.99), percentile(merged, total, 1.0), scheduled, running(),
                unsaved.getAsInt());
    }

    /** The upper bound of the bucket holding the given share of all counts. */
    private static long percentile(long[] merged, long total, double share) {
        if (total == 0) {
            return 0;
        }
        var rank = (long) Math.ceil(share * total);
        long seen = 0;
        for (int b = 0; b < merged.length; b++) {
            seen += merged[b];
            if (seen >= rank) {
                return b < BOUNDS.length ? BOUNDS[b] : Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE;
    }

    private static int bucket(long millis) {
        int low = 0;
        int high = BOUNDS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (BOUNDS[mid] < millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** 1, 2, … 10 ms, then steps of 10 % up to a minute. */
    private static long[] bounds() {
        var list = new java.util.ArrayList<Long>();
        for (long ms = 1; ms <= 10; ms++) {
            list.add(ms);
        }
        for (long ms = 11; ms <= 60_000; ms = Math.max(ms + 1, Math.round(ms * 1.1))) {
            list.add(ms);
        }
        return list.stream().mapToLong(Long::longValue).toArray();
    }
}
