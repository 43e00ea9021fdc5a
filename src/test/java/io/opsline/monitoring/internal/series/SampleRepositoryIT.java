package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.monitoring.internal.series.Series.Point;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;

/** Samples need no check definition, so every test makes up check ids of its own. */
@OpslineIntegrationTest
class SampleRepositoryIT {

    /** A whole second, so that bucket starts are easy to write down. */
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    @Autowired
    SampleRepository samples;
    @Autowired
    SampleRetention retention;
    @Autowired
    JdbcClient jdbc;

    private static Sample sample(UUID check, String label, String unit, Instant at, double value) {
        return new Sample(check, label, unit, at, value);
    }

    private long stored(UUID check) {
        return jdbc.sql("SELECT COALESCE(SUM(sample_count), 0) FROM check_sample_block WHERE check_id = ?")
                .param(check).query(Long.class).single();
    }

    private record Block(Instant firstAt, Instant lastAt, int count) {
    }

    private List<Block> blocks(UUID check) {
        return jdbc.sql("SELECT first_at, last_at, sample_count FROM check_sample_block WHERE check_id = ?"
                + " ORDER BY first_at").param(check)
                .query((rs, n) -> new Block(Jdbc.instant(rs, "first_at"), Jdbc.instant(rs, "last_at"),
                        rs.getInt("sample_count")))
                .list();
    }

    @Test
    void condensesARangeIntoBucketsWithTheirMinimumAverageAndMaximum() {
        var check = UUID.randomUUID();
        samples.appendAll(List.of(
                sample(check, "rta", "s", T.minusNanos(1000), 1000),
                sample(check, "rta", "s", T.plusSeconds(1), 1),
                sample(check, "rta", "s", T.plusSeconds(5), 3),
                sample(check, "rta", "s", T.plusMillis(19_999), 5),
                sample(check, "rta", "s", T.plusSeconds(20), 10),
                sample(check, "rta", "s", T.plusSeconds(60), 99),
                sample(check, "pl", "%", T.plusSeconds(45), 12.5),
                sample(UUID.randomUUID(), "rta", "s", T.plusSeconds(1), 500)));

        // 60 s in at most 3 points: buckets of 20 s from T; T + 60 s is past the end.
        var series = samples.query(check, T, T.plusSeconds(60), 3);

        assertThat(series).containsExactly(
                new Series("pl", "%", List.of(new Point(T.plusSeconds(40), 12.5, 12.5, 12.5, 1))),
                new Series("rta", "s", List.of(new Point(T, 1, 3, 5, 3), new Point(T.plusSeconds(20), 10, 10, 10, 1))));
        assertThat(samples.query(check, "pl", T, T.plusSeconds(60), 3)).extracting(Series::label).containsExactly("pl");
        assertThat(samples.query(check, "nothing", T, T.plusSeconds(60), 3)).isEmpty();
        assertThat(samples.query(check, T.minus(Duration.ofDays(1)), T.minusSeconds(1), 300)).isEmpty();
    }

    @Test
    void neverGivesMorePointsThanAskedForAndLosesNoSample() {
        var check = UUID.randomUUID();
        var many = new ArrayList<Sample>();
        var sum = 0.0;
        for (int i = 0; i < 2500; i++) {
            many.add(sample(check, "load", "", T.plusSeconds(i), i % 17));
            sum += i % 17;
        }
        samples.appendAll(many);
        assertThat(stored(check)).isEqualTo(2500);

        for (var maxPoints : List.of(1, 7, 300, 2000)) {
            var points = samples.query(check, T, T.plusSeconds(2500), maxPoints).getFirst().points();
            assertThat(points).hasSizeLessThanOrEqualTo(maxPoints);
            assertThat(points.stream().mapToLong(Point::count).sum()).isEqualTo(2500);
            var total = points.stream().mapToDouble(p -> p.avg() * p.count()).sum();
            assertThat(total).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(points).allSatisfy(p -> assertThat(p.min()).isLessThanOrEqualTo(p.avg()));
            assertThat(points).allSatisfy(p -> assertThat(p.avg()).isLessThanOrEqualTo(p.max()));
        }
        // Buckets are whole seconds wide: 2500 s in 7 points are buckets of 358 s.
        var seven = samples.query(check, T, T.plusSeconds(2500), 7).getFirst().points();
        assertThat(seven).extracting(Point::at).containsExactly(T, T.plusSeconds(358), T.plusSeconds(716),
                T.plusSeconds(1074), T.plusSeconds(1432), T.plusSeconds(1790), T.plusSeconds(2148));
        assertThat(seven.getFirst().count()).isEqualTo(358);
    }

    @Test
    void namesEachLabelOnceWithTheUnitOfItsLatestSample() {
        var check = UUID.randomUUID();
        samples.appendAll(List.of(
                sample(check, "time", "", T, 1),
                sample(check, "time", "s", T.plusSeconds(10), 2),
                sample(check, "duration", "s", T, 0.1),
                sample(check, "Zeta", "c", T, 0.1),
                sample(check, "x".repeat(Sample.MAX_LABEL), "B", T, 7)));

        assertThat(samples.labels(check)).containsExactly("duration", "time", "x".repeat(Sample.MAX_LABEL), "Zeta");
        assertThat(samples.query(check, "time", T, T.plusSeconds(20), 10).getFirst().unit()).isEqualTo("s");
        assertThat(samples.labels(UUID.randomUUID())).isEmpty();
    }

    @Test
    void severalAppendsOfOneSeriesReadBackAsOneSeries() {
        var check = UUID.randomUUID();
        var expected = new ArrayList<Point>();
        // Thirty batches of three samples 10 s apart, and a late batch filling gaps the others left.
        for (int batch = 0; batch < 30; batch++) {
            var run = new ArrayList<Sample>();
            for (int i = 0; i < 3; i++) {
                var second = (batch * 4 + i) * 10;
                run.add(sample(check, "rta", "s", T.plusSeconds(second), second));
            }
            samples.appendAll(run);
        }
        var late = new ArrayList<Sample>();
        for (int batch = 0; batch < 30; batch++) {
            var second = (batch * 4 + 3) * 10;
            late.add(sample(check, "rta", "s", T.plusSeconds(second), second));
        }
        samples.appendAll(late);
        for (int second = 0; second < 1200; second += 10) {
            expected.add(new Point(T.plusSeconds(second), second, second, second, 1));
        }

        assertThat(blocks(check)).hasSizeGreaterThanOrEqualTo(31);
        // 1200 s in 120 points: a bucket of 10 s for each sample.
        assertThat(samples.query(check, T, T.plusSeconds(1200), 120))
                .containsExactly(new Series("rta", "s", expected));
        assertThat(samples.labels(check)).containsExactly("rta");
    }

    @Test
    void samplesSpanningSeveralHoursAreStoredInABlockPerHour() {
        var check = UUID.randomUUID();
        var hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        var spread = new ArrayList<Sample>();
        for (int minutes = -30; minutes <= 150; minutes += 10) {
            spread.add(sample(check, "load", "", hour.plus(Duration.ofMinutes(minutes)), minutes));
        }
        spread.add(sample(check, "load", "", hour.plus(Duration.ofHours(1)).minusNanos(1000), 60));
        samples.appendAll(spread);

        assertThat(blocks(check)).containsExactly(
                new Block(hour.minus(Duration.ofMinutes(30)), hour.minus(Duration.ofMinutes(10)), 3),
                new Block(hour, hour.plus(Duration.ofHours(1)).minusNanos(1000), 7),
                new Block(hour.plus(Duration.ofHours(1)), hour.plus(Duration.ofMinutes(110)), 6),
                new Block(hour.plus(Duration.ofHours(2)), hour.plus(Duration.ofMinutes(150)), 4));
        var points = samples.query(check, hour.minus(Duration.ofHours(1)), hour.plus(Duration.ofHours(3)), 4)
                .getFirst().points();
        assertThat(points).extracting(Point::count).containsExactly(3L, 7L, 6L, 4L);
        assertThat(points).extracting(Point::max).containsExactly(-10.0, 60.0, 110.0, 150.0);
    }

    @Test
    void aRangeEndingOrStartingInsideABlockKeepsOnlyTheSamplesInIt() {
        var check = UUID.randomUUID();
        var run = new ArrayList<Sample>();
        for (int i = 0; i < 60; i++) {
            run.add(sample(check, "pl", "%", T.plusSeconds(i), i));
        }
        run.add(sample(check, "pl", "%", T.plusSeconds(30).plusNanos(1000), 1000));
        samples.appendAll(run);

        // From T + 10.5 s (inclusive) to T + 20 s (exclusive): the samples of seconds 11 to 19.
        assertThat(samples.query(check, T.plusMillis(10_500), T.plusSeconds(20), 1).getFirst().points())
                .containsExactly(new Point(T.plusMillis(10_500), 11, 15, 19, 9));
        // To the microsecond, as stored.
        var odd = T.plusSeconds(30).plusNanos(1000);
        assertThat(samples.query(check, odd, odd.plusNanos(1000), 1).getFirst().points())
                .containsExactly(new Point(T.plusSeconds(30), 1000, 1000, 1000, 1));
        assertThat(samples.query(check, odd.plusNanos(1000), T.plusSeconds(31), 1)).isEmpty();
        assertThat(samples.query(check, T.minusSeconds(60), T, 10)).isEmpty();
    }

    @Test
    void keepsEverySampleTakenAtTheSameTime() {
        var check = UUID.randomUUID();
        samples.appendAll(List.of(
                sample(check, "used", "", T, 1),
                sample(check, "used", "", T, 3),
                sample(check, "used", "B", T, 2)));
        samples.appendAll(List.of(sample(check, "used", "B", T, 4)));

        assertThat(stored(check)).isEqualTo(4);
        assertThat(samples.query(check, T, T.plusSeconds(1), 10))
                .containsExactly(new Series("used", "B", List.of(new Point(T, 1, 2.5, 4, 4))));
    }

    @Test
    void retentionDeletesTheBlocksWhoseSamplesAreAllOlderThanTheCutoffChunkByChunk() {
        var check = UUID.randomUUID();
        // Half past an hour, so that which samples share the cutoff's hour is plain to see.
        var hour = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        var cutoff = hour.plus(Duration.ofMinutes(30));
        // A sample an hour for 6,000 hours, ending 150 days ago: more blocks than one chunk.
        var old = new ArrayList<Sample>();
        for (int i = 0; i < 6_000; i++) {
            old.add(sample(check, "rta", "s", hour.minus(Duration.ofDays(400)).plus(Duration.ofHours(i)), i));
        }
        samples.appendAll(old);
        // In the cutoff's hour, but alone in a block that is all older.
        samples.appendAll(List.of(sample(check, "rta", "s", hour.plus(Duration.ofMinutes(1)), 0.5)));
        samples.appendAll(List.of(
                // The hour before the cutoff's, so a block of its own.
                sample(check, "rta", "s", hour.minusNanos(1000), 0.25),
                // Older than the cutoff, but in a block with a sample that is not.
                sample(check, "rta", "s", cutoff.minusNanos(1000), 1),
                sample(check, "rta", "s", cutoff, 2),
                sample(check, "rta", "s", Instant.now().minus(Duration.ofDays(1)), 3)));

        assertThat(retention.deleteTakenBefore(cutoff)).isGreaterThanOrEqualTo(6_002);

        assertThat(stored(check)).isEqualTo(3);
        // 2 h in points of a second each.
        assertThat(samples.query(check, hour.minus(Duration.ofHours(1)), hour.plus(Duration.ofHours(1)), 7200)
                .getFirst().points()).containsExactly(
                        new Point(cutoff.minusSeconds(1), 1, 1, 1, 1),
                        new Point(cutoff, 2, 2, 2, 1));
    }
}
