package io.opsline.metrics.internal.ingest;

/**
 * Decompresses snappy's block format (not its framing format), as remote write sends it. Written
 * here rather than taken from a library because it is small and because every way a corrupt or
 * hostile body can go wrong must end in a {@link RemoteWriteException} and never in an outsized
 * allocation: the stated length is checked against the limit before the output is allocated, and
 * every copy is checked against what has been written so far.
 */
final class Snappy {

    private Snappy() {
    }

    /** The decompressed bytes of {@code input[0, length)}, refused when they would be more than {@code maxLength}. */
    static byte[] decompress(byte[] input, int length, int maxLength) {
        var in = 0;
        var stated = 0L;
        for (var shift = 0; ; shift += 7) {
            if (in == length) {
                throw RemoteWriteException.corrupt("snappy: the body ends inside its stated length");
            }
            if (shift > 28) {
                throw RemoteWriteException.corrupt("snappy: the stated length is longer than 5 bytes");
            }
            var b = input[in++];
            stated |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (stated > maxLength) {
            throw RemoteWriteException.tooLarge("snappy: the body states " + stated
                    + " bytes decompressed, more than the limit of " + maxLength);
        }
        var output = new byte[(int) stated];
        var out = 0;
        while (in < length) {
            var tagAt = in;
            var tag = input[in++] & 0xff;
            var kind = tag & 3;
            if (kind == 0) {
                var literal = (tag >>> 2) + 1;
                if (literal > 60) {
                    var lengthBytes = literal - 60;
                    if (in + lengthBytes > length) {
                        throw RemoteWriteException.corrupt("snappy: the body ends inside the literal at byte " + tagAt);
                    }
                    literal = 0;
                    for (var i = 0; i < lengthBytes; i++) {
                        literal |= (input[in++] & 0xff) << (8 * i);
                    }
                    literal++;
                    if (literal <= 0) {
                        throw RemoteWriteException.corrupt("snappy: impossible literal length at byte " + tagAt);
                    }
                }
                if (literal > length - in) {
                    throw RemoteWriteException.corrupt("snappy: the literal at byte " + tagAt + " runs past the end of the body");
                }
                if (literal > output.length - out) {
                    throw RemoteWriteException.corrupt("snappy: the literal at byte " + tagAt
                            + " runs past the stated length of " + output.length);
                }
                System.arraycopy(input, in, output, out, literal);
                in += literal;
                out += literal;
                continue;
            }
            int copy;
            int offset;
            if (kind == 1) {
                if (in + 1 > length) {
                    throw RemoteWriteException.corrupt("snappy: the body ends inside the copy at byte " + tagAt);
                }
                copy = 4 + ((tag >>> 2) & 7);
                offset = ((tag >>> 5) << 8) | (input[in++] & 0xff);
            } else {
                var offsetBytes = kind == 2 ? 2 : 4;
                if (in + offsetBytes > length) {
                    throw RemoteWriteException.corrupt("snappy: the body ends inside the copy at byte " + tagAt);
                }
                copy = (tag >>> 2) + 1;
                offset = 0;
                for (var i = 0; i < offsetBytes; i++) {
                    offset |= (input[in++] & 0xff) << (8 * i);
                }
            }
            if (offset <= 0 || offset > out) {
                throw RemoteWriteException.corrupt("snappy: the copy at byte " + tagAt + " reaches back " + offset
                        + " bytes from output byte " + out + ", before the start");
            }
            if (copy > output.length - out) {
                throw RemoteWriteException.corrupt("snappy: the copy at byte " + tagAt
                        + " runs past the stated length of " + output.length);
            }
            var from = out - offset;
            if (offset >= copy) {
                System.arraycopy(output, from, output, out, copy);
                out += copy;
            } else {
                // An overlapping copy repeats the last offset bytes: byte by byte is what it means.
                for (var i = 0; i < copy; i++) {
                    output[out++] = output[from + i];
                }
            }
        }
        if (out != output.length) {
            throw RemoteWriteException.corrupt("snappy: the body decompresses to " + out + " bytes, not the "
                    + output.length + " it states");
        }
        return output;
    }
}
