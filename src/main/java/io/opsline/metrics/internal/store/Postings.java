package io.opsline.metrics.internal.store;

import java.util.Arrays;

/** The ids of the series that have one label value, sorted; ids mostly come in rising order. */
final class Postings {

    private long[] ids = new long[4];
    private int count;

    synchronized void add(long id) {
        var at = count;
        if (count > 0 && ids[count - 1] >= id) {
            at = Arrays.binarySearch(ids, 0, count, id);
            if (at >= 0) {
                return;
            }
            at = -at - 1;
        }
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        System.arraycopy(ids, at, ids, at + 1, count - at);
        ids[at] = id;
        count++;
    }

    synchronized long[] snapshot() {
        return Arrays.copyOf(ids, count);
    }

    synchronized int size() {
        return count;
    }

    /** The ids in both sorted arrays. */
    static long[] intersect(long[] a, long[] b) {
        var out = new long[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                out[n++] = a[i];
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The ids in either sorted array. */
    static long[] union(long[] a, long[] b) {
        var out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || i < a.length && a[i] < b[j]) {
                out[n++] = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                out[n++] = b[j++];
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
