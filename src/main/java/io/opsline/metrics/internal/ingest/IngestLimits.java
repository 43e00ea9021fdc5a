package io.opsline.metrics.internal.ingest;

/**
 * What one scrape or remote-write request may hold before it is refused; a number past a limit
 * fails the whole input with an error naming the limit, as a cardinality or memory guard.
 *
 * @param maxLabelValueLength characters (Unicode code points) in one label value
 * @param maxLabelsPerSeries labels of one series, the metric name not counted
 * @param maxCompressedBytes bytes of a remote-write body as received (snappy-compressed)
 * @param maxDecompressedBytes bytes of a remote-write body once decompressed; refused from the
 *        length snappy states up front, before any memory is taken for it
 */
public record IngestLimits(int maxLabelValueLength, int maxLabelsPerSeries, int maxCompressedBytes,
        int maxDecompressedBytes) {

    public static final IngestLimits DEFAULTS = new IngestLimits(2_048, 64, 8 << 20, 32 << 20);

    public IngestLimits {
        if (maxLabelValueLength < 1 || maxLabelsPerSeries < 1 || maxCompressedBytes < 1 || maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
    }
}
