package io.opsline.metrics.internal.ingest;

import java.util.Arrays;

/**
 * An open-addressing hash set of byte ranges in one input, by a 64-bit hash the caller computes;
 * the caller decides on equality, walking the entries with the same hash. Cleared in constant time
 * so that one parser can reuse it for every scrape without allocating.
 */
final class RangeTable {

    private static final int INITIAL_CAPACITY = 1 << 10;

    private long[] hashes = new long[INITIAL_CAPACITY];
    private int[] starts = new int[INITIAL_CAPACITY];
    private int[] ends = new int[INITIAL_CAPACITY];
    private int[] lines = new int[INITIAL_CAPACITY];
    /** The round an entry was added in; entries of earlier rounds are empty slots. */
    private int[] rounds = new int[INITIAL_CAPACITY];
    private int round = 1;
    private int size;

    void clear() {
        size = 0;
        round++;
        if (round == Integer.MAX_VALUE) {
            Arrays.fill(rounds, 0);
            round = 1;
        }
    }

    /** The first slot holding this hash, or -1. */
    int first(long hash) {
        return scan(hash, slot(hash));
    }

    /** The next slot after {@code slot} holding this hash, or -1. */
    int next(long hash, int slot) {
        return scan(hash, (slot + 1) & (hashes.length - 1));
    }

    private int scan(long hash, int from) {
        var mask = hashes.length - 1;
        for (var slot = from; rounds[slot] == round; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash) {
                return slot;
            }
        }
        return -1;
    }

    int start(int slot) {
        return starts[slot];
    }

    int end(int slot) {
        return ends[slot];
    }

    int line(int slot) {
        return lines[slot];
    }

    void add(long hash, int start, int end, int line) {
        if ((size + 1) * 2 > hashes.length) {
            grow();
        }
        var mask = hashes.length - 1;
        var slot = slot(hash);
        while (rounds[slot] == round) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        starts[slot] = start;
        ends[slot] = end;
        lines[slot] = line;
        rounds[slot] = round;
        size++;
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 32)) & (hashes.length - 1);
    }

    private void grow() {
        var oldHashes = hashes;
        var oldStarts = starts;
        var oldEnds = ends;
        var oldLines = lines;
        var oldRounds = rounds;
        var oldRound = round;
        var capacity = oldHashes.length * 2;
        hashes = new long[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
        lines = new int[capacity];
        rounds = new int[capacity];
        round = 1;
        size = 0;
        for (var i = 0; i < oldHashes.length; i++) {
            if (oldRounds[i] == oldRound) {
                add(oldHashes[i], oldStarts[i], oldEnds[i], oldLines[i]);
            }
        }
    }
}
