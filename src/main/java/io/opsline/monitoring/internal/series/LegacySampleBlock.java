package io.opsline.monitoring.internal.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * One row of {@code check_sample_block}, where monitoring kept checks' samples before the metrics
 * module took them over: kept only so that migration V10 can still fill that table on an old
 * installation and {@link LegacySampleCopy} can carry it into metrics. Samples of one label of one
 * check, all from the same clock hour (UTC), encoded by {@link LegacySampleCodec}.
 *
 * @param unit the unit of the block's latest sample
 * @param firstAt the time of the earliest sample, to the microsecond, as the encoded ones
 * @param lastAt the time of the latest sample, likewise
 * @param count how many samples the block holds
 * @param samples the samples' times and values as {@link LegacySampleCodec#encode} gives them
 */
public record LegacySampleBlock(UUID checkId, String label, String unit, Instant firstAt, Instant lastAt, int count,
        byte[] samples) {

    /** The clock hour all of a block's samples lie in: the longest a block covers. */
    static final Duration SPAN = Duration.ofHours(1);

    /**
     * At most one sample a second for the hour, so that a series written more often does not make
     * blocks so large that reading a few minutes of it decodes a great many samples.
     */
    static final int MAX_SAMPLES = 3_600;

    private static final long SPAN_MICROS = SPAN.toNanos() / 1_000;

    /**
     * Cuts samples into blocks: by check and label, in time order (samples at the same time in the
     * order given), a block for each hour they fall in, or more when an hour has more than
     * {@value #MAX_SAMPLES}.
     */
    public static List<LegacySampleBlock> cut(Collection<Measured> samples) {
        var bySeries = new LinkedHashMap<Series, List<Measured>>();
        for (var sample : samples) {
            bySeries.computeIfAbsent(new Series(sample.checkId(), sample.label()), s -> new ArrayList<>()).add(sample);
        }
        var blocks = new ArrayList<LegacySampleBlock>();
        for (var series : bySeries.values()) {
            series.sort(Comparator.comparing(Measured::at));
            var start = 0;
            for (int i = 1; i <= series.size(); i++) {
                if (i == series.size() || i - start == MAX_SAMPLES
                        || hour(series.get(i).at()) != hour(series.get(start).at())) {
                    blocks.add(of(series.subList(start, i)));
                    start = i;
                }
            }
        }
        return blocks;
    }

    /** The hour a time lies in, counted from the epoch. */
    private static long hour(Instant at) {
        return Math.floorDiv(LegacySampleCodec.micros(at), SPAN_MICROS);
    }

    private static LegacySampleBlock of(List<Measured> run) {
        var micros = new long[run.size()];
        var values = new double[run.size()];
        for (int i = 0; i < run.size(); i++) {
            micros[i] = LegacySampleCodec.micros(run.get(i).at());
            values[i] = run.get(i).value();
        }
        var first = run.getFirst();
        var last = run.getLast();
        return new LegacySampleBlock(first.checkId(), first.label(), last.unit(), LegacySampleCodec.instant(micros[0]),
                LegacySampleCodec.instant(micros[micros.length - 1]), run.size(),
                LegacySampleCodec.encode(micros, values, run.size()));
    }

    /** One sample as the old code kept it. */
    public record Measured(UUID checkId, String label, String unit, Instant at, double value) {
    }

    private record Series(UUID checkId, String label) {
    }
}
