package io.opsline.metrics.internal.store;

/** What the chunk rows hold (samples, their payloads' bytes, how many rows), and the rollup rows. */
public record StoredTotals(long samples, long payloadBytes, long chunks, long rollups, long rollupBytes) {
}
