package io.opsline.metrics.internal.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;

/**
 * Decodes the body of a Prometheus remote-write request (protocol 1.0): a snappy block holding a
 * protobuf {@code prometheus.WriteRequest}. The protobuf is read by hand from the wire format
 * rather than by generated classes: four small messages, no code generator in the build, and no
 * object per sample. All or nothing: any corrupt byte, invalid label or limit passed refuses the
 * whole request with a {@link RemoteWriteException}. Thread-safe; one instance serves every request.
 *
 * <pre>
 * WriteRequest   { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2;
 *                repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }   // milliseconds since the epoch
 * </pre>
 */
public final class RemoteWriteDecoder {

    /** The Content-Encoding a remote-write request comes with. */
    public static final String CONTENT_ENCODING = "snappy";
    /** The Content-Type a remote-write request comes with. */
    public static final String CONTENT_TYPE = "application/x-protobuf";

    private static final int LABELS_FIELD = 1;
    private static final int SAMPLES_FIELD = 2;
    private static final int EXEMPLARS_FIELD = 3;
    private static final int HISTOGRAMS_FIELD = 4;
    private static final int TIMESERIES_FIELD = 1;
    private static final int METADATA_TYPE_FIELD = 1;
    private static final int METADATA_NAME_FIELD = 2;
    private static final int METADATA_HELP_FIELD = 4;
    private static final int METADATA_UNIT_FIELD = 5;
    private static final int METADATA_FIELD = 3;

    /** How many series' labels {@link #RemoteWriteDecoder(IngestLimits)} remembers across requests. */
    public static final int DEFAULT_CACHED_SERIES = 100_000;

    private final IngestLimits limits;
    private final int cachedSeries;
    /**
     * The labels of series seen in earlier requests, by their exact bytes: a sender repeats the same
     * series request after request, and building labels (strings, sorting) is most of the decoding
     * work otherwise. Emptied when full, which costs one rebuild per active series.
     */
    private final ConcurrentHashMap<RawLabels, Labels> knownLabels = new ConcurrentHashMap<>();

    public RemoteWriteDecoder(IngestLimits limits) {
        this(limits, DEFAULT_CACHED_SERIES);
    }

    public RemoteWriteDecoder(IngestLimits limits, int cachedSeries) {
        this.limits = Objects.requireNonNull(limits);
        this.cachedSeries = cachedSeries;
    }

    /** The request in the first {@code length} bytes of a body as received (snappy-compressed). */
    public WriteRequest decode(byte[] body, int length) {
        Objects.checkFromIndexSize(0, length, body.length);
        if (length > limits.maxCompressedBytes()) {
            throw RemoteWriteException.tooLarge("the body has " + length + " bytes, more than the limit of "
                    + limits.maxCompressedBytes());
        }
        var message = Snappy.decompress(body, length, limits.maxDecompressedBytes());
        return decodeMessage(message, message.length);
    }

    /** The request in an uncompressed protobuf {@code WriteRequest}. */
    WriteRequest decodeMessage(byte[] message, int length) {
        var request = new Decoding(message, length);
        var reader = request.reader;
        while (reader.hasMore()) {
            var tag = reader.tag();
            switch (tag >>> 3) {
                case TIMESERIES_FIELD -> {
                    reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "WriteRequest.timeseries");
                    var outer = reader.enter();
                    request.timeSeries();
                    reader.leave(outer);
                }
                case METADATA_FIELD -> {
                    reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "WriteRequest.metadata");
                    var outer = reader.enter();
                    request.metadata();
                    reader.leave(outer);
                }
                default -> reader.skip(tag & 7);
            }
        }
        return request.finish();
    }

    /** The state of decoding one request. */
    private final class Decoding {

        final byte[] message;
        final ProtoReader reader;
        /** Series by the exact bytes of their labels, so that a repeated series costs no strings. */
        final Map<RawLabels, Samples> byRawLabels = new LinkedHashMap<>();
        int index;
        int exemplarsSkipped;
        int histogramsSkipped;
        final List<MetricFamily> families = new ArrayList<>();
        int[] labelRanges = new int[32];

        Decoding(byte[] message, int length) {
            this.message = message;
            this.reader = new ProtoReader(message, length);
        }

        /** One MetricMetadata message, the reader inside it; one without a family name says nothing. */
        void metadata() {
            var type = MetricType.UNKNOWN;
            var name = "";
            var help = "";
            var unit = "";
            while (reader.hasMore()) {
                var tag = reader.tag();
                switch (tag >>> 3) {
                    case METADATA_TYPE_FIELD -> {
                        reader.expect(tag, ProtoReader.VARINT, "MetricMetadata.type");
                        type = metricType(reader.varint());
                    }
                    case METADATA_NAME_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "MetricMetadata.metric_family_name");
                        name = reader.string();
                    }
                    case METADATA_HELP_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "MetricMetadata.help");
                        help = reader.string();
                    }
                    case METADATA_UNIT_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "MetricMetadata.unit");
                        unit = reader.string();
                    }
                    default -> reader.skip(tag & 7);
                }
            }
            if (!name.isEmpty()) {
                families.add(new MetricFamily(name, type, help, unit));
            }
        }

        /** One TimeSeries message, the reader inside it. */
        void timeSeries() {
            var labelCount = 0;
            var pendingFrom = -1;
            var pendingTo = -1;
            while (reader.hasMore()) {
                var fieldStart = reader.position();
                var tag = reader.tag();
                switch (tag >>> 3) {
                    case LABELS_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.labels");
                        if (labelCount * 2 == labelRanges.length) {
                            labelRanges = Arrays.copyOf(labelRanges, labelRanges.length * 2);
                        }
                        var outer = reader.enter();
                        labelRanges[labelCount * 2] = reader.position();
                        reader.leave(outer);
                        labelRanges[labelCount * 2 + 1] = reader.position();
                        labelCount++;
                        if (labelCount > limits.maxLabelsPerSeries() + 1) {
                            throw invalid("more than " + limits.maxLabelsPerSeries() + " labels besides "
                                    + Labels.NAME);
                        }
                    }
                    case SAMPLES_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.samples");
                        // Labels may in principle follow the samples: note where samples are, read them after.
                        reader.skip(ProtoReader.LENGTH_DELIMITED);
                        if (pendingFrom < 0) {
                            pendingFrom = fieldStart;
                        }
                        pendingTo = reader.position();
                    }
                    case EXEMPLARS_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.exemplars");
                        reader.skip(ProtoReader.LENGTH_DELIMITED);
                        exemplarsSkipped++;
                    }
                    case HISTOGRAMS_FIELD -> {
                        reader.expect(tag, ProtoReader.LENGTH_DELIMITED, "TimeSeries.histograms");
                        reader.skip(ProtoReader.LENGTH_DELIMITED);
                        histogramsSkipped++;
                    }
                    default -> reader.skip(tag & 7);
                }
            }
            if (labelCount == 0) {
                throw invalid("a series without labels");
            }
            var raw = new RawLabels(message, Arrays.copyOf(labelRanges, labelCount * 2));
            var samples = byRawLabels.get(raw);
            if (samples == null) {
                var labels = knownLabels.get(raw);
                if (labels == null) {
                    labels = labels(labelCount);
                    if (knownLabels.size() >= cachedSeries) {
                        knownLabels.clear();
                    }
                    knownLabels.put(raw.copy(), labels);
                }
                samples = new Samples(labels);
                byRawLabels.put(raw, samples);
            }
            if (pendingFrom >= 0) {
                readSamples(pendingFrom, pendingTo, samples);
            }
            index++;
        }

        /** The Sample fields between two positions of the current TimeSeries, already checked for their framing. */
        private void readSamples(int from, int to, Samples samples) {
            var sub = new ProtoReader(message, to);
            sub.skipTo(from);
            while (sub.hasMore()) {
                var tag = sub.tag();
                if (tag >>> 3 != SAMPLES_FIELD) {
                    sub.skip(tag & 7);
                    continue;
                }
                var outer = sub.enter();
                var value = 0.0;
                var timestamp = 0L;
                while (sub.hasMore()) {
                    var field = sub.tag();
                    switch (field >>> 3) {
                        case 1 -> {
                            sub.expect(field, ProtoReader.FIXED64, "Sample.value");
                            value = sub.fixed64AsDouble();
                        }
                        case 2 -> {
                            sub.expect(field, ProtoReader.VARINT, "Sample.timestamp");
                            timestamp = sub.varint();
                        }
                        default -> sub.skip(field & 7);
                    }
                }
                sub.leave(outer);
                samples.add(timestamp, value);
            }
        }

        private Labels labels(int labelCount) {
            var pairs = new String[labelCount * 2];
            var hasName = false;
            for (var i = 0; i < labelCount; i++) {
                var label = new ProtoReader(message, labelRanges[i * 2 + 1]);
                label.skipTo(labelRanges[i * 2]);
                var name = "";
                var value = "";
                while (label.hasMore()) {
                    var tag = label.tag();
                    switch (tag >>> 3) {
                        case 1 -> {
                            label.expect(tag, ProtoReader.LENGTH_DELIMITED, "Label.name");
                            name = label.string();
                        }
                        case 2 -> {
                            label.expect(tag, ProtoReader.LENGTH_DELIMITED, "Label.value");
                            value = label.string();
                        }
                        default -> label.skip(tag & 7);
                    }
                }
                if (!Names.isValidLabelName(name)) {
                    throw invalid("label name \"" + name + "\" is not valid");
                }
                if (name.equals(Labels.NAME)) {
                    if (!Names.isValidMetricName(value)) {
                        throw invalid("metric name \"" + shorten(value) + "\" is not valid");
                    }
                    hasName = true;
                } else if (value.codePointCount(0, value.length()) > limits.maxLabelValueLength()) {
                    throw invalid("the value of label " + name + " has more than "
                            + limits.maxLabelValueLength() + " characters");
                }
                for (var j = 0; j < i; j++) {
                    if (pairs[j * 2].equals(name)) {
                        throw invalid("label " + name + " appears twice");
                    }
                }
                pairs[i * 2] = name;
                pairs[i * 2 + 1] = value;
            }
            if (!hasName) {
                throw invalid("no " + Labels.NAME + " label");
            }
            return Labels.of(pairs);
        }

        private RemoteWriteException invalid(String problem) {
            return RemoteWriteException.corrupt("timeseries #" + index + ": " + problem);
        }

        WriteRequest finish() {
            var byLabels = new LinkedHashMap<Labels, Samples>();
            for (var samples : byRawLabels.values()) {
                var same = byLabels.putIfAbsent(samples.labels, samples);
                if (same != null) {
                    same.addAll(samples);
                }
            }
            var series = new ArrayList<SeriesData>(byLabels.size());
            var total = 0;
            var duplicates = 0;
            for (var samples : byLabels.values()) {
                if (samples.count == 0) {
                    continue;
                }
                duplicates += samples.sortAndDropDuplicates();
                total += samples.count;
                series.add(new SeriesData(samples.labels, samples.timestamps, samples.values, samples.count));
            }
            return new WriteRequest(List.copyOf(series), total, exemplarsSkipped, histogramsSkipped,
                    List.copyOf(families), duplicates);
        }
    }

    /** The remote-write enum MetricMetadata.MetricType; a number it does not have is unknown. */
    private static MetricType metricType(long number) {
        return switch ((int) Math.min(number, Integer.MAX_VALUE)) {
            case 1 -> MetricType.COUNTER;
            case 2 -> MetricType.GAUGE;
            case 3 -> MetricType.HISTOGRAM;
            case 4 -> MetricType.GAUGE_HISTOGRAM;
            case 5 -> MetricType.SUMMARY;
            case 6 -> MetricType.INFO;
            case 7 -> MetricType.STATESET;
            default -> MetricType.UNKNOWN;
        };
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    /** The bytes of a series' Label messages (start and end of each in {@code bytes}), as a map key. */
    private record RawLabels(byte[] bytes, int[] ranges, int hash) {

        RawLabels(byte[] bytes, int[] ranges) {
            this(bytes, ranges, hashOf(bytes, ranges));
        }

        /** The same key over a copy of just its bytes, to keep after the request is gone. */
        RawLabels copy() {
            var length = 0;
            for (var i = 0; i < ranges.length; i += 2) {
                length += ranges[i + 1] - ranges[i];
            }
            var copied = new byte[length];
            var copiedRanges = new int[ranges.length];
            var at = 0;
            for (var i = 0; i < ranges.length; i += 2) {
                var size = ranges[i + 1] - ranges[i];
                System.arraycopy(bytes, ranges[i], copied, at, size);
                copiedRanges[i] = at;
                copiedRanges[i + 1] = at + size;
                at += size;
            }
            return new RawLabels(copied, copiedRanges, hash);
        }

        private static int hashOf(byte[] bytes, int[] ranges) {
            var hash = 1;
            for (var i = 0; i < ranges.length; i += 2) {
                for (var p = ranges[i]; p < ranges[i + 1]; p++) {
                    hash = 31 * hash + bytes[p];
                }
                hash = 31 * hash + 0x5f;
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof RawLabels raw) || raw.hash != hash || raw.ranges.length != ranges.length) {
                return false;
            }
            for (var i = 0; i < ranges.length; i += 2) {
                if (!Arrays.equals(bytes, ranges[i], ranges[i + 1], raw.bytes, raw.ranges[i], raw.ranges[i + 1])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The samples of one series in a request, growing as entries arrive. */
    private static final class Samples {

        final Labels labels;
        long[] timestamps = new long[4];
        double[] values = new double[4];
        int count;

        Samples(Labels labels) {
            this.labels = labels;
        }

        void add(long timestamp, double value) {
            if (count == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            timestamps[count] = timestamp;
            values[count] = value;
            count++;
        }

        void addAll(Samples other) {
            for (var i = 0; i < other.count; i++) {
                add(other.timestamps[i], other.values[i]);
            }
        }

        /** Puts the samples in time order (senders already do) and drops repeated times; how many were dropped. */
        int sortAndDropDuplicates() {
            var ordered = true;
            for (var i = 1; i < count && ordered; i++) {
                ordered = timestamps[i] > timestamps[i - 1];
            }
            if (ordered) {
                return 0;
            }
            var order = new Integer[count];
            for (var i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
            var sortedTimes = new long[count];
            var sortedValues = new double[count];
            var kept = 0;
            for (var i : order) {
                if (kept > 0 && sortedTimes[kept - 1] == timestamps[i]) {
                    continue;
                }
                sortedTimes[kept] = timestamps[i];
                sortedValues[kept] = values[i];
                kept++;
            }
            var dropped = count - kept;
            timestamps = sortedTimes;
            values = sortedValues;
            count = kept;
            return dropped;
        }
    }
}
