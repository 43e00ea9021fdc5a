package io.opsline.metrics.internal.scrape;

import java.util.function.Consumer;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.ingest.ScrapedSample;

/**
 * One target's series by the bytes of their key as scraped, so that a series seen before costs a
 * hash and a byte comparison: no labels parsed, no string made. An entry holds the series' final
 * labels (null for one its filters drop) and a one-sample {@link SeriesData} reused every scrape.
 * Entries not seen in a scrape are removed after it, as Prometheus' scrape cache does. Not
 * thread-safe: one per scrape loop.
 */
final class ScrapeCache {

    /** A cached series; {@code data} is null when the target's filters drop it. */
    static final class Entry {
        final byte[] key;
        final int hash;
        final SeriesData data;
        /** The scrape that saw it last, and the one before that. */
        long seen;
        long seenBefore;
        /** Its samples carry their own timestamps: Prometheus tracks no staleness for those. */
        boolean timestamped;

        Entry(byte[] key, int hash, Labels labels) {
            this.key = key;
            this.hash = hash;
            this.data = labels == null ? null : new SeriesData(labels, new long[1], new double[1], 1);
        }

        void sample(long timestampMs, double value) {
            data.timestamps()[0] = timestampMs;
            data.values()[0] = value;
        }
    }

    private Entry[] table = new Entry[64];
    private int size;

    int size() {
        return size;
    }

    /** The entry of the sample's key, or null when it is new. */
    Entry find(ScrapedSample sample) {
        var hash = sample.keyHash();
        var mask = table.length - 1;
        for (var slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            var entry = table[slot];
            if (entry == null) {
                return null;
            }
            if (entry.hash == hash && sample.keyEquals(entry.key)) {
                return entry;
            }
        }
    }

    /** Adds a new key's entry, with its final labels (null when dropped). */
    Entry add(ScrapedSample sample, Labels labels) {
        var entry = new Entry(sample.keyBytes(), sample.keyHash(), labels);
        if ((size + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        insert(table, entry);
        size++;
        return entry;
    }

    /**
     * Ends a scrape: every entry not seen in {@code scrape} is removed, and those that were seen in the
     * scrape before and are kept go to {@code gone}, to be marked stale.
     */
    void sweep(long scrape, Consumer<Entry> gone) {
        var removed = 0;
        for (var entry : table) {
            if (entry != null && entry.seen != scrape) {
                removed++;
                if (entry.data != null && entry.seen == scrape - 1 && !entry.timestamped) {
                    gone.accept(entry);
                }
            }
        }
        if (removed > 0) {
            var kept = new Entry[table.length];
            for (var entry : table) {
                if (entry != null && entry.seen == scrape) {
                    insert(kept, entry);
                }
            }
            table = kept;
            size -= removed;
        }
    }

    /** Each kept entry seen in {@code scrape}. */
    void forEachSeenIn(long scrape, Consumer<Entry> action) {
        for (var entry : table) {
            if (entry != null && entry.data != null && entry.seen == scrape) {
                action.accept(entry);
            }
        }
    }

    /** Forgets what a failed scrape marked as seen, so that the sweep after it treats its entries as unseen. */
    void undoScrape(long scrape) {
        for (var entry : table) {
            if (entry != null && entry.seen == scrape) {
                entry.seen = entry.seenBefore;
            }
        }
    }

    private void rehash(int capacity) {
        var grown = new Entry[capacity];
        for (var entry : table) {
            if (entry != null) {
                insert(grown, entry);
            }
        }
        table = grown;
    }

    private static void insert(Entry[] into, Entry entry) {
        var mask = into.length - 1;
        var slot = spread(entry.hash) & mask;
        while (into[slot] != null) {
            slot = (slot + 1) & mask;
        }
        into[slot] = entry;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16) * 0x45d9f3b;
    }
}
