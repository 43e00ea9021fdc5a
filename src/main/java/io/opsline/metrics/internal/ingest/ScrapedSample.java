package io.opsline.metrics.internal.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.opsline.metrics.Labels;

/**
 * One sample line of a scrape body, as the parser hands it to an {@link ExpositionSink}: the series
 * key exactly as written ({@code name} or {@code name{labels}}), offered as bytes so that a scrape
 * cache can look it up without allocating, and its {@link Labels}, built only when asked for.
 */
public final class ScrapedSample {

    private final ExpositionParser parser;
    private byte[] buffer;
    private int keyStart;
    private int keyEnd;
    private int keyHash;
    private Labels labels;
    private double value;
    private boolean hasTimestamp;
    private long timestampMs;
    private MetricType type;
    private int line;

    ScrapedSample(ExpositionParser parser) {
        this.parser = parser;
    }

    void set(byte[] buffer, int keyStart, int keyEnd, double value, boolean hasTimestamp, long timestampMs,
            MetricType type, int line) {
        this.buffer = buffer;
        this.keyStart = keyStart;
        this.keyEnd = keyEnd;
        this.keyHash = 0;
        this.labels = null;
        this.value = value;
        this.hasTimestamp = hasTimestamp;
        this.timestampMs = timestampMs;
        this.type = type;
        this.line = line;
    }

    /** The body the key is in; read only {@link #keyLength()} bytes from {@link #keyOffset()}. */
    public byte[] keyBuffer() {
        return buffer;
    }

    public int keyOffset() {
        return keyStart;
    }

    public int keyLength() {
        return keyEnd - keyStart;
    }

    /** The series key as text (allocates; prefer {@link #keyEquals} and {@link #keyHash} on a hot path). */
    public String key() {
        return new String(buffer, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
    }

    /** The same hash as {@code Arrays.hashCode} of the key's bytes. */
    public int keyHash() {
        var hash = keyHash;
        if (hash == 0) {
            hash = 1;
            for (var i = keyStart; i < keyEnd; i++) {
                hash = 31 * hash + buffer[i];
            }
            keyHash = hash;
        }
        return hash;
    }

    public boolean keyEquals(byte[] key) {
        return Arrays.equals(buffer, keyStart, keyEnd, key, 0, key.length);
    }

    /** A copy of the key's bytes, for a cache to keep. */
    public byte[] keyBytes() {
        return Arrays.copyOfRange(buffer, keyStart, keyEnd);
    }

    /** The series' labels, the metric name as {@code __name__}; parsed on the first call for this line. */
    public Labels labels() {
        if (labels == null) {
            labels = parser.labelsOf(keyStart, keyEnd);
        }
        return labels;
    }

    /** The value; NaN and the infinities included as written. */
    public double value() {
        return value;
    }

    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    /** The sample's time in milliseconds since the epoch; meaningful only when {@link #hasTimestamp()}. */
    public long timestampMs() {
        return timestampMs;
    }

    /** The type of the family the sample belongs to, untyped or unknown when no {@code # TYPE} line covers it. */
    public MetricType type() {
        return type;
    }

    /** The line of the body the sample is on, the first being 1. */
    public int line() {
        return line;
    }
}
