package io.opsline.metrics.internal.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;

/**
 * Writes remote-write bodies as a Prometheus server sends them, for tests and the benchmark: a
 * protobuf WriteRequest, snappy-compressed with real back-references (a greedy matcher, as snappy's
 * own encoder works), plus the protobuf pieces to build broken ones from.
 */
final class RemoteWriteEncoder {

    private RemoteWriteEncoder() {
    }

    /** A compressed body with one TimeSeries entry per series. */
    static byte[] encode(List<SeriesData> series) {
        return compress(writeRequest(series));
    }

    /** An uncompressed WriteRequest with one TimeSeries entry per series. */
    static byte[] writeRequest(List<SeriesData> series) {
        var request = new Proto();
        for (var each : series) {
            request.message(1, timeSeries(each.labels(), each.timestamps(), each.values(), each.count()));
        }
        return request.bytes();
    }

    static Proto timeSeries(Labels labels, long[] timestamps, double[] values, int count) {
        var entry = new Proto();
        for (var i = 0; i < labels.size(); i++) {
            entry.message(1, label(labels.name(i), labels.value(i)));
        }
        for (var i = 0; i < count; i++) {
            entry.message(2, sample(values[i], timestamps[i]));
        }
        return entry;
    }

    static Proto label(String name, String value) {
        return new Proto().string(1, name).string(2, value);
    }

    static Proto sample(double value, long timestamp) {
        return new Proto().fixed64(1, Double.doubleToRawLongBits(value)).varint(2, timestamp);
    }

    /** A protobuf message being written, field by field. */
    static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            writeVarint(out, value);
            return this;
        }

        Proto fixed64(int field, long bits) {
            tag(field, 1);
            for (var i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Proto string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return raw(field, message.bytes());
        }

        Proto raw(int field, byte[] bytes) {
            tag(field, 2);
            writeVarint(out, bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        /** Bytes written as they are, to make broken messages. */
        Proto verbatim(int... bytes) {
            for (var b : bytes) {
                out.write(b);
            }
            return this;
        }

        private void tag(int field, int wireType) {
            writeVarint(out, (long) field << 3 | wireType);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Snappy's block format: the length as a varint, then literals and copies found by a 4-byte hash. */
    static byte[] compress(byte[] input) {
        var out = new ByteArrayOutputStream(input.length / 2 + 16);
        writeVarint(out, input.length);
        var table = new int[1 << 14];
        java.util.Arrays.fill(table, -1);
        var i = 0;
        var literalStart = 0;
        while (i + 4 <= input.length) {
            var key = (readInt(input, i) * 0x1e35a7bd) >>> 18;
            var candidate = table[key];
            table[key] = i;
            if (candidate >= 0 && i - candidate <= 0xffff && readInt(input, candidate) == readInt(input, i)) {
                literal(out, input, literalStart, i);
                var length = 4;
                while (i + length < input.length && input[candidate + length] == input[i + length]) {
                    length++;
                }
                copy(out, i - candidate, length);
                i += length;
                literalStart = i;
            } else {
                i++;
            }
        }
        literal(out, input, literalStart, input.length);
        return out.toByteArray();
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    private static void literal(ByteArrayOutputStream out, byte[] input, int start, int end) {
        var length = end - start;
        if (length == 0) {
            return;
        }
        var n = length - 1;
        if (n < 60) {
            out.write(n << 2);
        } else {
            var bytes = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
            out.write((59 + bytes) << 2);
            for (var b = 0; b < bytes; b++) {
                out.write(n >>> (8 * b));
            }
        }
        out.write(input, start, length);
    }

    private static void copy(ByteArrayOutputStream out, int offset, int length) {
        while (length > 0) {
            var chunk = Math.min(length, 64);
            if (length - chunk > 0 && length - chunk < 4) {
                chunk = length - 4;
            }
            if (chunk >= 4 && chunk <= 11 && offset < 2048) {
                out.write((offset >>> 8) << 5 | (chunk - 4) << 2 | 1);
                out.write(offset);
            } else {
                out.write((chunk - 1) << 2 | 2);
                out.write(offset);
                out.write(offset >>> 8);
            }
            length -= chunk;
        }
    }
}
