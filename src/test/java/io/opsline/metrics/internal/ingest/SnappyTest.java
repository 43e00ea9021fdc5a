package io.opsline.metrics.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SnappyTest {

    private static byte[] bytes(int... values) {
        var bytes = new byte[values.length];
        for (var i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] decompress(byte[] body) {
        return Snappy.decompress(body, body.length, 1 << 20);
    }

    @Test
    void roundTripsTextRunsAndNoise() {
        var random = new Random(42);
        var noise = new byte[100_000];
        random.nextBytes(noise);
        var text = ExpositionParserTest.resource("node-exporter.txt");
        for (var input : new byte[][] {new byte[0], "a".getBytes(StandardCharsets.US_ASCII), "ab".repeat(5000).getBytes(
                StandardCharsets.US_ASCII), new byte[70_000], noise, text}) {
            var compressed = RemoteWriteEncoder.compress(input);
            assertThat(decompress(compressed)).isEqualTo(input);
        }
        assertThat(RemoteWriteEncoder.compress(text).length).as("copies were used").isLessThan(text.length / 3);
    }

    @Test
    void expandsOverlappingCopies() {
        // "ab", then a copy of 8 bytes from 2 back: ababababab
        assertThat(new String(decompress(bytes(10, 1 << 2, 'a', 'b', (8 - 4) << 2 | 1, 2)), StandardCharsets.US_ASCII))
                .isEqualTo("ababababab");
    }

    @Test
    void refusesAStatedLengthOverTheLimitBeforeAllocatingIt() {
        var body = bytes(0xff, 0xff, 0xff, 0xff, 0x0f, 0);
        assertThatThrownBy(() -> Snappy.decompress(body, body.length, 32 << 20))
                .isInstanceOfSatisfying(RemoteWriteException.class, e -> assertThat(e.tooLarge()).isTrue())
                .hasMessage("snappy: the body states 4294967295 bytes decompressed, more than the limit of 33554432");
    }

    @Test
    void refusesCorruptBlocksWithWhereTheyWentWrong() {
        assertCorrupt(bytes(), "snappy: the body ends inside its stated length");
        assertCorrupt(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x01), "snappy: the stated length is longer than 5 bytes");
        assertCorrupt(bytes(4, 1 << 2, 'a', 'b', (4 - 4) << 2 | 1, 5),
                "snappy: the copy at byte 4 reaches back 5 bytes from output byte 2, before the start");
        assertCorrupt(bytes(4, 0 << 2, 'a', 2 << 2 | 2, 0, 0),
                "snappy: the copy at byte 3 reaches back 0 bytes from output byte 1, before the start");
        assertCorrupt(bytes(5, 4 << 2, 'a', 'b'), "snappy: the literal at byte 1 runs past the end of the body");
        assertCorrupt(bytes(1, 1 << 2, 'a', 'b'), "snappy: the literal at byte 1 runs past the stated length of 1");
        assertCorrupt(bytes(9, 0, 'a', 1 << 2 | 2, 1, 0), "snappy: the body decompresses to 3 bytes, not the 9 it states");
        assertCorrupt(bytes(3, 0, 'a', 7 << 2 | 2, 1, 0), "snappy: the copy at byte 3 runs past the stated length of 3");
        assertCorrupt(bytes(3, 0, 'a', 2 << 2 | 2, 1), "snappy: the body ends inside the copy at byte 3");
        assertCorrupt(bytes(3, 0, 'a', 2 << 2 | 3, 1, 0, 0), "snappy: the body ends inside the copy at byte 3");
        assertCorrupt(bytes(3, 61 << 2, 1), "snappy: the body ends inside the literal at byte 1");
        assertCorrupt(bytes(3, 63 << 2, 0xff, 0xff, 0xff, 0xff), "snappy: impossible literal length at byte 1");
    }

    @Test
    void neverFailsOtherwiseOnRandomDamage() {
        var random = new Random(7);
        var valid = RemoteWriteEncoder.compress(ExpositionParserTest.resource("prometheus.txt"));
        for (var round = 0; round < 5_000; round++) {
            var damaged = valid.clone();
            for (var hits = 1 + random.nextInt(4); hits > 0; hits--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            var length = random.nextInt(4) == 0 ? random.nextInt(damaged.length + 1) : damaged.length;
            try {
                Snappy.decompress(damaged, length, 1 << 20);
            } catch (RemoteWriteException expected) {
                assertThat(expected.getMessage()).startsWith("snappy: ");
            }
        }
    }

    private static void assertCorrupt(byte[] body, String message) {
        assertThatThrownBy(() -> decompress(body))
                .isInstanceOfSatisfying(RemoteWriteException.class, e -> assertThat(e.tooLarge()).isFalse())
                .hasMessage(message);
    }
}
