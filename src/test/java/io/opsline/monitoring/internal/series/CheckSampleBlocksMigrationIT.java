package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.platform.Jdbc;
import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * The monitoring module's migrations run on a database of their own up to V8, where samples were
 * rows of check_sample; rows are written there as the old code wrote them, and the remaining
 * migrations must carry every one of them over into blocks.
 */
@ExtendWith(RequiresTestDatabase.class)
class CheckSampleBlocksMigrationIT {

    /** More than one chunk of the conversion, so that its chunks are seen to join up. */
    private static final int SAMPLES = 25_000;
    private static final Instant HOUR = Instant.parse("2026-02-01T10:00:00Z");
    /** Samples from here on have the unit "s", those before it none. */
    private static final Instant UNIT_CHANGE = HOUR.plus(Duration.ofMinutes(30));

    private MigrationDatabase scratch;
    private DataSource database;

    private record Stored(UUID checkId, String label, String unit, Instant at, double value) {

        static String unitAt(Instant at) {
            return at.isBefore(UNIT_CHANGE) ? "" : "s";
        }
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        scratch = MigrationDatabase.create("monitoring");
        database = scratch.dataSource();
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    private void migrate(String target) {
        scratch.migrateTo(target);
    }

    /**
     * Three checks with two labels each, every two seconds (give or take microseconds) over about
     * three hours; times that repeat; a unit that changes; values of every kind. In random order,
     * as the table kept no order.
     */
    private static List<Stored> oldSamples() {
        var random = new Random(20_260_201);
        var checks = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        // Not -0.0: H2 made it 0.0 in check_sample already.
        var edges = new double[] {0.0, Double.MIN_NORMAL, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-300, 1e300};
        var samples = new ArrayList<Stored>();
        for (int i = 0; samples.size() < SAMPLES; i++) {
            var check = checks.get(i % checks.size());
            var label = i % 2 == 0 ? "time" : "pl";
            var at = HOUR.minus(Duration.ofMinutes(20)).plusSeconds(2L * (i / 6)).plusNanos(1000L * (i % 7));
            var value = i % 101 == 0 ? edges[i % edges.length] : Math.round(random.nextGaussian() * 1e4) / 1e3;
            samples.add(new Stored(check, label, Stored.unitAt(at), at, value));
            if (i % 997 == 0) {
                samples.add(new Stored(check, label, Stored.unitAt(at), at, value + 1));
            }
        }
        Collections.shuffle(samples, random);
        return samples;
    }

    /** The samples in a fixed order; units left out, as a block has the unit of its latest sample. */
    private static List<Stored> sortedWithoutUnits(List<Stored> samples) {
        return samples.stream().map(s -> new Stored(s.checkId(), s.label(), null, s.at(), s.value()))
                .sorted(Comparator.comparing(Stored::checkId).thenComparing(Stored::label).thenComparing(Stored::at)
                        .thenComparingLong(s -> Double.doubleToRawLongBits(s.value())))
                .toList();
    }

    @Test
    void movesEverySampleIntoBlocksOfAnHourAtMostAndDropsTheOldTable() {
        migrate("8");
        var old = oldSamples();
        new JdbcTemplate(database).batchUpdate(
                "INSERT INTO check_sample (check_id, label, unit, at, sample_value) VALUES (?, ?, ?, ?, ?)",
                old.stream().map(s -> new Object[] {s.checkId(), s.label(), s.unit(), Jdbc.timestamp(s.at()),
                    s.value()}).toList());

        migrate("latest");

        var jdbc = JdbcClient.create(database);
        var moved = new ArrayList<Stored>();
        jdbc.sql("SELECT * FROM check_sample_block").query((RowCallbackHandler) rs -> {
            var check = Jdbc.uuid(rs, "check_id");
            var label = rs.getString("label");
            var unit = rs.getString("unit");
            var firstAt = Jdbc.instant(rs, "first_at");
            var lastAt = Jdbc.instant(rs, "last_at");
            var block = new ArrayList<Stored>();
            LegacySampleCodec.decode(rs.getBytes("samples"), (micros, value) -> block.add(
                    new Stored(check, label, unit, LegacySampleCodec.instant(micros), value)));
            assertThat(block).hasSize(rs.getInt("sample_count"));
            assertThat(block.getFirst().at()).isEqualTo(firstAt);
            assertThat(block.getLast().at()).isEqualTo(lastAt);
            assertThat(firstAt.truncatedTo(ChronoUnit.HOURS)).isEqualTo(lastAt.truncatedTo(ChronoUnit.HOURS));
            assertThat(unit).isEqualTo(Stored.unitAt(lastAt));
            moved.addAll(block);
        });
        assertThat(sortedWithoutUnits(moved)).containsExactlyElementsOf(sortedWithoutUnits(old));
        assertThatThrownBy(() -> jdbc.sql("SELECT COUNT(*) FROM check_sample").query(Long.class).single())
                .isInstanceOf(BadSqlGrammarException.class);
    }
}
