package io.opsline.metrics.internal.store;

import java.util.Arrays;

/** Bit strings, most significant bit of each byte first, for the chunk and write-ahead formats. */
final class Bits {

    private Bits() {
    }

    static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    /** Appends bits to a growing array. */
    static final class Writer {

        private byte[] bytes;
        private long position;

        Writer(int expectedBytes) {
            bytes = new byte[Math.max(16, expectedBytes)];
        }

        void writeBit(boolean bit) {
            write(bit ? 1 : 0, 1);
        }

        /** The lowest {@code count} bits of {@code value}, highest of them first. */
        void write(long value, int count) {
            ensureRoom(count);
            var left = count;
            while (left > 0) {
                var free = 8 - (int) (position & 7);
                var taken = Math.min(free, left);
                var chunk = (int) (value >>> (left - taken)) & ((1 << taken) - 1);
                bytes[(int) (position >>> 3)] |= (byte) (chunk << (free - taken));
                position += taken;
                left -= taken;
            }
        }

        /** An unsigned number in groups of 7 bits, least significant first, each with a continuation bit. */
        void writeVarint(long value) {
            var rest = value;
            while ((rest & ~0x7FL) != 0) {
                write(0x80 | (rest & 0x7F), 8);
                rest >>>= 7;
            }
            write(rest, 8);
        }

        /** Whole bytes, which must start on a byte boundary. */
        void writeBytes(byte[] source, int length) {
            if ((position & 7) != 0) {
                throw new IllegalStateException("bytes must start on a byte boundary");
            }
            ensureRoom(length * 8);
            System.arraycopy(source, 0, bytes, (int) (position >>> 3), length);
            position += length * 8L;
        }

        int byteLength() {
            return (int) ((position + 7) >>> 3);
        }

        byte[] array() {
            return bytes;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, byteLength());
        }

        private void ensureRoom(int count) {
            var needed = (position + count + 7) >>> 3;
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(needed, bytes.length * 2L));
            }
        }
    }

    /** Reads what a {@link Writer} wrote; running past the end is an {@link IllegalArgumentException}. */
    static final class Reader {

        private final byte[] bytes;
        private final long limit;
        private long position;

        Reader(byte[] bytes) {
            this(bytes, bytes.length);
        }

        Reader(byte[] bytes, int length) {
            this.bytes = bytes;
            this.limit = (long) length * 8;
        }

        boolean readBit() {
            if (position >= limit) {
                throw new IllegalArgumentException("the data ends at byte " + (limit / 8) + " in the middle of a value");
            }
            var bit = (bytes[(int) (position >>> 3)] >>> (7 - (position & 7))) & 1;
            position++;
            return bit != 0;
        }

        long read(int count) {
            if (position + count > limit) {
                throw new IllegalArgumentException("the data ends at byte " + (limit / 8) + " in the middle of a value");
            }
            long value = 0;
            var left = count;
            while (left > 0) {
                var available = 8 - (int) (position & 7);
                var taken = Math.min(available, left);
                var chunk = (bytes[(int) (position >>> 3)] >>> (available - taken)) & ((1 << taken) - 1);
                value = (value << taken) | chunk;
                position += taken;
                left -= taken;
            }
            return value;
        }

        long readVarint() {
            long value = 0;
            for (int shift = 0; shift < Long.SIZE; shift += 7) {
                var group = read(8);
                value |= (group & 0x7F) << shift;
                if ((group & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a number longer than 64 bits at byte " + (position / 8));
        }

        boolean atEnd() {
            return position >= limit;
        }

        /** The byte the reader is in, for error messages. */
        long bytePosition() {
            return position / 8;
        }
    }
}
