package io.opsline.metrics.internal.store;

/** What the chunk rows hold: samples, their payloads' bytes, and how many rows. */
public record StoredTotals(long samples, long payloadBytes, long chunks) {
}
