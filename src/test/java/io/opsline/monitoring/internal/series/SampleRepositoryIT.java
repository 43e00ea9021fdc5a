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
        return jdbc.sql("SELECT COUNT(*) FROM check_sample WHERE check_id = ?").param(check).query(Long.class).single();
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
    void retentionDeletesWhatIsOlderThanTheCutoffChunkByChunkAndKeepsTheRest() {
        var check = UUID.randomUUID();
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var old = new ArrayList<Sample>();
        for (int i = 0; i < 12_000; i++) {
            old.add(sample(check, "rta", "s", now.minus(Duration.ofDays(40)).plusSeconds(i), i));
        }
        samples.appendAll(old);
        var cutoff = now.minus(Duration.ofDays(30));
        samples.appendAll(List.of(
                sample(check, "rta", "s", cutoff.minusNanos(1000), 1),
                sample(check, "rta", "s", cutoff, 2),
                sample(check, "rta", "s", now.minus(Duration.ofDays(1)), 3)));

        assertThat(retention.deleteTakenBefore(cutoff)).isGreaterThanOrEqualTo(12_001);

        assertThat(stored(check)).isEqualTo(2);
        var kept = samples.query(check, now.minus(Duration.ofDays(60)), now, 2000).getFirst().points();
        assertThat(kept).extracting(Point::avg).containsExactly(2.0, 3.0);
    }
}
