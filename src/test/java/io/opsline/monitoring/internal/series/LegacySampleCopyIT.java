package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.identity.Role;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.Metrics;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.series.LegacySampleBlock.Measured;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * The samples monitoring kept in check_sample_block go into metrics. The context's start-up has
 * copied and dropped the table already, so the test makes it again as V9 did and fills it as the
 * old code did.
 */
@OpslineIntegrationTest
class LegacySampleCopyIT {

    private static final String V9_TABLE = """
            CREATE TABLE IF NOT EXISTS check_sample_block (
                check_id     UUID                     NOT NULL,
                label        VARCHAR(100)             NOT NULL,
                unit         VARCHAR(10)              NOT NULL,
                first_at     TIMESTAMP WITH TIME ZONE NOT NULL,
                last_at      TIMESTAMP WITH TIME ZONE NOT NULL,
                sample_count INTEGER                  NOT NULL,
                samples      BYTEA                    NOT NULL
            )""";
    private static final String INSERT = "INSERT INTO check_sample_block"
            + " (check_id, label, unit, first_at, last_at, sample_count, samples) VALUES (?, ?, ?, ?, ?, ?, ?)";

    @Autowired
    LegacySampleCopy copy;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Metrics metrics;
    @Autowired
    CheckDefinitions definitions;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private void insert(List<LegacySampleBlock> blocks) {
        for (var b : blocks) {
            jdbc.sql(INSERT).params(b.checkId(), b.label(), b.unit(), Jdbc.timestamp(b.firstAt()),
                    Jdbc.timestamp(b.lastAt()), b.count(), b.samples()).update();
        }
    }

    @Test
    void recordsEveryOldSampleIntoMetricsOldestFirstAndDeletesTheBlocks() {
        var ci = new CiFixtures(cis, relationships).create("server", "legacy-" + UUID.randomUUID().toString().substring(0, 8));
        var check = TestAccounts.actingAs("operator", Role.OPERATOR, () -> definitions.create(new CheckInput(
                ci.id().toString(), "old disk", "tcp", Map.of("host", "127.0.0.1", "port", 9), null, null, null,
                null, false, null)));
        var gone = UUID.randomUUID();
        var start = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
        var old = new ArrayList<Measured>();
        for (var minute = 0; minute < 180; minute++) {
            var at = start.plus(Duration.ofMinutes(minute)).plusNanos(250_000_000);
            old.add(new Measured(check.id(), "time", "s", at, 0.1 + minute / 1000.0));
            old.add(new Measured(check.id(), "/", "B", at, 1e9 + minute));
            old.add(new Measured(gone, "time", "s", at, 1));
        }
        jdbc.sql(V9_TABLE).update();
        // Blocks as several batches wrote them, in no particular order: the copy must sort them out.
        var blocks = new ArrayList<>(LegacySampleBlock.cut(old.subList(270, old.size())));
        blocks.addAll(LegacySampleBlock.cut(old.subList(0, 270)));
        insert(blocks);
        jdbc.sql(INSERT).params(check.id(), "broken", "", Jdbc.timestamp(start), Jdbc.timestamp(start), 3,
                new byte[] {9, 9, 9}).update();

        assertThat(copy.copy(() -> true)).isEqualTo(360);

        var from = start.minus(Duration.ofMinutes(1));
        var to = Instant.now();
        var time = metrics.select(List.of(Matcher.equal("__name__", "check_time_seconds"),
                Matcher.equal("check_id", check.id().toString())), from, to);
        assertThat(time).singleElement().satisfies(series -> {
            assertThat(series.count()).isEqualTo(180);
            assertThat(series.timestamps()[0]).isEqualTo(start.plusMillis(250).toEpochMilli());
            assertThat(series.values()[179]).isEqualTo(0.1 + 179 / 1000.0);
            assertThat(series.labels().toMap()).containsEntry("check", "old disk").containsEntry("ci", ci.name())
                    .containsEntry("perfdata", "time");
        });
        var disk = metrics.select(List.of(Matcher.equal("__name__", "check___bytes"),
                Matcher.equal("check_id", check.id().toString())), from, to);
        assertThat(disk).singleElement().satisfies(series -> assertThat(series.count()).isEqualTo(180));
        assertThat(metrics.select(List.of(Matcher.equal("check_id", gone.toString())), from, to)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM check_sample_block WHERE check_id IN (?, ?)")
                .params(check.id(), gone).query(Long.class).single()).isZero();
    }

    @Test
    void theStartUpCopyIsDoneOnceAndTheOldTableDropped() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM check_sample_copy WHERE done_at IS NOT NULL").query(Long.class)
                .single()).isEqualTo(1);
    }
}
