package io.opsline.metrics.internal.ingest;

/**
 * An open-addressing hash set of byte ranges in one input, by a 64-bit hash the caller computes;
 * the caller decides on equality, walking the entries with the same hash. One slot is two longs
 * side by side (the hash, then start and end), so that a probe costs one cache miss; clearing
 * costs the entries added, not the capacity, so that one parser reuses it for every scrape.
 */
final class RangeTable {

    private static final int INITIAL_CAPACITY = 1 << 10;
    /** The hash of an empty slot; a real hash of this value is stored as {@link #ZERO_HASH}. */
    private static final long EMPTY = 0;
    private static final long ZERO_HASH = 1;

    /** Slot i at [2i] (hash) and [2i + 1] (start in the high half, end in the low half). */
    private long[] slots = new long[INITIAL_CAPACITY * 2];
    private int[] used = new int[INITIAL_CAPACITY / 2];
    private int size;

    void clear() {
        for (var i = 0; i < size; i++) {
            slots[used[i] * 2] = EMPTY;
        }
        size = 0;
    }

    /** The first slot holding this hash, or -1. */
    int first(long hash) {
        return scan(stored(hash), slot(hash));
    }

    /** The next slot after {@code slot} holding this hash, or -1. */
    int next(long hash, int slot) {
        return scan(stored(hash), (slot + 1) & (capacity() - 1));
    }

    private int scan(long stored, int from) {
        var mask = capacity() - 1;
        for (var slot = from; slots[slot * 2] != EMPTY; slot = (slot + 1) & mask) {
            if (slots[slot * 2] == stored) {
                return slot;
            }
        }
        return -1;
    }

    int start(int slot) {
        return (int) (slots[slot * 2 + 1] >>> 32);
    }

    int end(int slot) {
        return (int) slots[slot * 2 + 1];
    }

    void add(long hash, int start, int end) {
        if ((size + 1) * 2 > capacity()) {
            grow();
        }
        var mask = capacity() - 1;
        var slot = slot(hash);
        while (slots[slot * 2] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        slots[slot * 2] = stored(hash);
        slots[slot * 2 + 1] = (long) start << 32 | (end & 0xffffffffL);
        used[size++] = slot;
    }

    private int capacity() {
        return slots.length / 2;
    }

    private static long stored(long hash) {
        return hash == EMPTY ? ZERO_HASH : hash;
    }

    private int slot(long hash) {
        // Fibonacci hashing: the product's high bits depend on all of the hash's bits.
        return (int) ((stored(hash) * 0x9e3779b97f4a7c15L) >>> Long.numberOfLeadingZeros(capacity() - 1L));
    }

    private void grow() {
        var old = slots;
        var oldUsed = used;
        var oldSize = size;
        slots = new long[old.length * 2];
        used = new int[oldUsed.length * 2];
        size = 0;
        for (var i = 0; i < oldSize; i++) {
            var slot = oldUsed[i];
            var range = old[slot * 2 + 1];
            add(old[slot * 2], (int) (range >>> 32), (int) range);
        }
    }
}
