package io.opsline.metrics.internal.store;

import java.nio.ByteBuffer;

import io.opsline.platform.Sha256;

/**
 * The unique key of a series row: the first 64 bits of the SHA-256 of its labels' text. A long
 * label text cannot be a btree key on PostgreSQL, and 64 bits cost half the index entry of 128.
 * Two label sets are not expected to share a key before some four billion series; should two ever
 * do, the second is not created and said so (see {@link SeriesRepository#create}), never mixed up
 * with the first. Public for the migration that keyed the series stored before.
 */
public final class SeriesKey {

    private SeriesKey() {
    }

    public static long of(String labelsText) {
        return ByteBuffer.wrap(Sha256.digest(labelsText)).getLong();
    }
}
