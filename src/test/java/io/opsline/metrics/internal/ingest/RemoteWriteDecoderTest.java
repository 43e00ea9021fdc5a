package io.opsline.metrics.internal.ingest;

import static io.opsline.metrics.internal.ingest.RemoteWriteEncoder.label;
import static io.opsline.metrics.internal.ingest.RemoteWriteEncoder.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.ingest.RemoteWriteEncoder.Proto;

class RemoteWriteDecoderTest {

    /** Prometheus' stale marker: a NaN with a payload of its own, which must reach the store bit for bit. */
    private static final long STALE_NAN = 0x7ff0000000000002L;

    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(IngestLimits.DEFAULTS);

    private static SeriesData series(Labels labels, long[] timestamps, double[] values) {
        return new SeriesData(labels, timestamps, values, timestamps.length);
    }

    private WriteRequest decode(byte[] body) {
        return decoder.decode(body, body.length);
    }

    private WriteRequest decodeMessage(Proto request) {
        var message = request.bytes();
        return decoder.decodeMessage(message, message.length);
    }

    @Test
    void decodesSeriesWithTheirLabelsTimesAndValuesBitForBit() {
        var up = Labels.of(Labels.NAME, "up", "job", "node", "instance", "127.0.0.1:9100");
        var temperature = Labels.of(Labels.NAME, "temperature_celsius", "sensor", "außen");
        var body = RemoteWriteEncoder.encode(List.of(
                series(up, new long[] {1_700_000_000_000L, 1_700_000_015_000L, 1_700_000_030_000L},
                        new double[] {1, 0, Double.longBitsToDouble(STALE_NAN)}),
                series(temperature, new long[] {-5, 0}, new double[] {Double.NEGATIVE_INFINITY, -0.0})));

        var request = decode(body);

        assertThat(request.samples()).isEqualTo(5);
        assertThat(request.series()).hasSize(2);
        var first = request.series().get(0);
        assertThat(first.labels()).isEqualTo(up);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.timestamps()).startsWith(1_700_000_000_000L, 1_700_000_015_000L, 1_700_000_030_000L);
        assertThat(Double.doubleToRawLongBits(first.values()[2])).isEqualTo(STALE_NAN);
        var second = request.series().get(1);
        assertThat(second.labels()).isEqualTo(temperature);
        assertThat(second.values()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(second.values()[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(second.timestamps()[0]).isEqualTo(-5L);
    }

    @Test
    void mergesTheEntriesOfOneSeriesAsPrometheusSendsThemOneSampleEach() {
        var request = new Proto();
        for (var i = 0; i < 3; i++) {
            request.message(1, new Proto().message(1, label(Labels.NAME, "a")).message(1, label("x", "1"))
                    .message(2, sample(i, 1000 + i)));
            request.message(1, new Proto().message(1, label("x", "1")).message(1, label(Labels.NAME, "a"))
                    .message(2, sample(10 + i, 2000 - i)));
            request.message(1, new Proto().message(2, sample(7, 5)).message(1, label(Labels.NAME, "b")));
        }

        var decoded = decodeMessage(request);

        assertThat(decoded.series()).extracting(SeriesData::labels)
                .containsExactly(Labels.of(Labels.NAME, "a", "x", "1"), Labels.of(Labels.NAME, "b"));
        var a = decoded.series().get(0);
        assertThat(a.count()).isEqualTo(6);
        assertThat(a.timestamps()).startsWith(1000, 1001, 1002, 1998, 1999, 2000);
        assertThat(a.values()).startsWith(0, 1, 2, 12, 11, 10);
        assertThat(decoded.series().get(1).count()).as("the same time three times").isEqualTo(1);
        assertThat(decoded.duplicateSamplesDropped()).isEqualTo(2);
        assertThat(decoded.samples()).isEqualTo(7);
    }

    @Test
    void remembersSeriesAcrossRequestsAndForgetsThemWhenFull() {
        var small = new RemoteWriteDecoder(IngestLimits.DEFAULTS, 2);
        for (var request = 0; request < 3; request++) {
            var series = new java.util.ArrayList<SeriesData>();
            for (var i = 0; i < 3; i++) {
                series.add(series(Labels.of(Labels.NAME, "m", "i", String.valueOf(i)), new long[] {request},
                        new double[] {i}));
            }
            var body = RemoteWriteEncoder.encode(series);
            assertThat(small.decode(body, body.length).series()).extracting(SeriesData::labels)
                    .containsExactlyElementsOf(series.stream().map(SeriesData::labels).toList());
        }
    }

    @Test
    void skipsAndCountsExemplarsAndHistogramsKeepsMetadataAndSkipsUnknownFields() {
        var request = new Proto()
                .message(1, new Proto().message(1, label(Labels.NAME, "a")).message(2, sample(1, 1))
                        .message(3, new Proto().message(1, label("trace_id", "x")).fixed64(2, 0))
                        .message(4, new Proto().varint(1, 3))
                        .varint(9, 1))
                .message(1, new Proto().message(1, label(Labels.NAME, "only_histogram"))
                        .message(4, new Proto().varint(1, 3)))
                .message(3, new Proto().varint(1, 1).string(2, "a").string(4, "Requests served.").string(5, "requests")
                        .varint(9, 1))
                .message(3, new Proto().varint(1, 42).string(2, "b"))
                .message(3, new Proto().varint(1, 2))
                .fixed64(7, 1);

        var decoded = decodeMessage(request);

        assertThat(decoded.series()).singleElement().extracting(SeriesData::labels).isEqualTo(Labels.of(Labels.NAME, "a"));
        assertThat(decoded.exemplarsSkipped()).isEqualTo(1);
        assertThat(decoded.histogramsSkipped()).isEqualTo(2);
        // Metadata is kept; a type the protocol does not have is unknown, and an entry without a name says nothing.
        assertThat(decoded.families()).containsExactly(
                new MetricFamily("a", MetricType.COUNTER, "Requests served.", "requests"),
                new MetricFamily("b", MetricType.UNKNOWN, "", ""));
    }

    @Test
    void refusesCorruptProtobufNamingWhere() {
        assertInvalid(new Proto().verbatim(0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
                "protobuf: a varint longer than 10 bytes (field at byte 0)");
        assertInvalid(new Proto().verbatim(0x0a, 0x85), "protobuf: the message ends inside a varint (field at byte 0)");
        assertInvalid(new Proto().verbatim(0x0a, 0x10, 0x0a),
                "protobuf: a field of 16 bytes runs past the end of its message at byte 3 (field at byte 0)");
        assertInvalid(new Proto().varint(1, 5), "protobuf: WriteRequest.timeseries has wire type 0, expected 2 (field at byte 0)");
        assertInvalid(new Proto().verbatim(0x13), "protobuf: unsupported wire type 3 (field at byte 0)");
        assertInvalid(new Proto().verbatim(0x00), "protobuf: invalid field tag 0 (field at byte 0)");
        assertInvalid(new Proto().message(1, new Proto().message(1, label(Labels.NAME, "a"))
                .message(2, new Proto().varint(1, 1))), "protobuf: Sample.value has wire type 0, expected 1 (field at byte 19)");
        assertInvalid(new Proto().message(1, new Proto().message(1, label(Labels.NAME, "a"))
                .message(2, new Proto().verbatim(0x09, 1, 2, 3))),
                "protobuf: the message ends inside a 64-bit field (field at byte 19)");
        assertInvalid(new Proto().message(1, new Proto().message(1,
                new Proto().string(1, "x").raw(2, new byte[] {'a', (byte) 0xff}))),
                "protobuf: invalid UTF-8 in a string at byte 10 (field at byte 7)");
    }

    @Test
    void refusesInvalidLabelsNamingTheSeries() {
        assertInvalid(new Proto().message(1, new Proto().message(2, sample(1, 1))), "timeseries #0: a series without labels");
        assertInvalid(entry(label("job", "x")), "timeseries #0: no __name__ label");
        assertInvalid(entry(label(Labels.NAME, "a"), label("1job", "x")), "timeseries #0: label name \"1job\" is not valid");
        assertInvalid(entry(label(Labels.NAME, "a"), label("", "x")), "timeseries #0: label name \"\" is not valid");
        assertInvalid(entry(label(Labels.NAME, "a-b")), "timeseries #0: metric name \"a-b\" is not valid");
        assertInvalid(entry(label(Labels.NAME, "a"), label("x", "1"), label("x", "2")), "timeseries #0: label x appears twice");
        var ok = new Proto().message(1, new Proto().message(1, label(Labels.NAME, "ok")).message(2, sample(1, 1)));
        assertInvalid(ok.message(1, new Proto().message(1, label(Labels.NAME, "a")).message(1, label("x", "v".repeat(2049)))
                .message(2, sample(1, 1))), "timeseries #1: the value of label x has more than 2048 characters");
    }

    @Test
    void refusesMoreLabelsThanTheLimit() {
        var limited = new RemoteWriteDecoder(new IngestLimits(10, 2, 1 << 20, 1 << 20));
        var fits = entry(label(Labels.NAME, "a"), label("x", "1"), label("y", "2")).bytes();
        assertThat(limited.decodeMessage(fits, fits.length).series()).hasSize(1);
        var tooMany = entry(label(Labels.NAME, "a"), label("x", "1"), label("y", "2"), label("z", "3")).bytes();
        assertThatThrownBy(() -> limited.decodeMessage(tooMany, tooMany.length))
                .hasMessage("timeseries #0: more than 2 labels besides __name__");
    }

    @Test
    void refusesBodiesOverTheSizeLimits() {
        var body = RemoteWriteEncoder.encode(List.of(series(Labels.of(Labels.NAME, "a", "x", "y".repeat(300)),
                new long[] {1}, new double[] {1})));
        var compressedLimit = new RemoteWriteDecoder(new IngestLimits(2048, 64, body.length - 1, 1 << 20));
        assertThatThrownBy(() -> compressedLimit.decode(body, body.length))
                .isInstanceOfSatisfying(RemoteWriteException.class, e -> assertThat(e.tooLarge()).isTrue())
                .hasMessage("the body has " + body.length + " bytes, more than the limit of " + (body.length - 1));
        var decompressedLimit = new RemoteWriteDecoder(new IngestLimits(2048, 64, 1 << 20, 100));
        assertThatThrownBy(() -> decompressedLimit.decode(body, body.length))
                .isInstanceOfSatisfying(RemoteWriteException.class, e -> assertThat(e.tooLarge()).isTrue())
                .hasMessageStartingWith("snappy: the body states ");
    }

    @Test
    void neverFailsOtherwiseOnRandomDamage() {
        var random = new Random(11);
        var series = new java.util.ArrayList<SeriesData>();
        for (var i = 0; i < 50; i++) {
            series.add(series(Labels.of(Labels.NAME, "m" + i, "job", "j", "i", String.valueOf(i)),
                    new long[] {1000, 2000, 3000}, new double[] {i, i + 0.5, Double.NaN}));
        }
        var message = RemoteWriteEncoder.writeRequest(series);
        var decoded = 0;
        for (var round = 0; round < 5_000; round++) {
            var damaged = message.clone();
            for (var hits = 1 + random.nextInt(3); hits > 0; hits--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            var body = RemoteWriteEncoder.compress(damaged);
            try {
                decoder.decode(body, body.length);
                decoded++;
            } catch (RemoteWriteException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).as("some damage leaves a valid request").isPositive();
    }

    private static Proto entry(Proto... labels) {
        var entry = new Proto();
        for (var label : labels) {
            entry.message(1, label);
        }
        return new Proto().message(1, entry.message(2, sample(1, 1)));
    }

    private void assertInvalid(Proto request, String message) {
        assertThatThrownBy(() -> decodeMessage(request))
                .isInstanceOfSatisfying(RemoteWriteException.class, e -> assertThat(e.tooLarge()).isFalse())
                .hasMessage(message);
    }
}
