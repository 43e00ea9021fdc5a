package io.opsline.metrics.internal.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format field by field, only as far as remote write needs it; every
 * malformed or truncated field is a {@link RemoteWriteException} naming its byte position.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int pos;
    private int limit;
    private int fieldAt;

    ProtoReader(byte[] bytes, int length) {
        this.bytes = bytes;
        this.limit = length;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    /** Continues at a position known to start a field, as found by an earlier pass over the same bytes. */
    void skipTo(int position) {
        pos = position;
    }

    /** The next field's tag (number &lt;&lt; 3 | wire type). */
    int tag() {
        fieldAt = pos;
        var tag = varint();
        if (tag >>> 3 == 0 || tag < 0 || tag > Integer.MAX_VALUE) {
            throw corrupt("invalid field tag " + tag);
        }
        return (int) tag;
    }

    long varint() {
        var value = 0L;
        for (var shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw corrupt("the message ends inside a varint");
            }
            var b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw corrupt("a varint longer than 10 bytes");
    }

    double fixed64AsDouble() {
        if (limit - pos < 8) {
            throw corrupt("the message ends inside a 64-bit field");
        }
        var bits = 0L;
        for (var i = 7; i >= 0; i--) {
            bits = (bits << 8) | (bytes[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    /** Enters a length-delimited field: reads its length and returns the limit to restore with {@link #leave}. */
    int enter() {
        var length = varint();
        if (length > limit - pos) {
            throw corrupt("a field of " + length + " bytes runs past the end of its message at byte " + limit);
        }
        var outer = limit;
        limit = pos + (int) length;
        return outer;
    }

    void leave(int outer) {
        pos = limit;
        limit = outer;
    }

    String string() {
        var outer = enter();
        var start = pos;
        var end = limit;
        for (var p = start; p < end; p++) {
            if (bytes[p] < 0) {
                var length = Names.utf8SequenceLength(bytes, p, end);
                if (length == 0) {
                    throw corrupt("invalid UTF-8 in a string at byte " + p);
                }
                p += length - 1;
            }
        }
        leave(outer);
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case FIXED32 -> advance(4);
            case LENGTH_DELIMITED -> leave(enter());
            default -> throw corrupt("unsupported wire type " + wireType);
        }
    }

    private void advance(int count) {
        if (limit - pos < count) {
            throw corrupt("the message ends inside a fixed-size field");
        }
        pos += count;
    }

    /** Checks a known field's wire type. */
    void expect(int tag, int wireType, String field) {
        if ((tag & 7) != wireType) {
            throw corrupt(field + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }

    RemoteWriteException corrupt(String problem) {
        return RemoteWriteException.corrupt("protobuf: " + problem + " (field at byte " + fieldAt + ")");
    }
}
