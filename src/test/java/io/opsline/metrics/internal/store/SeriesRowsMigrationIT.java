package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import io.opsline.metrics.Labels;
import io.opsline.platform.Sha256;
import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * The metrics migrations run on a database of their own up to V6, where a series row held its
 * source's name and a 128-bit hash of its labels; series are written there as that code wrote
 * them, and the remaining migrations must carry them over so that the store finds each one again
 * instead of creating it twice.
 */
@ExtendWith(RequiresTestDatabase.class)
class SeriesRowsMigrationIT {

    private MigrationDatabase scratch;
    private DataSource database;

    @BeforeEach
    void createDatabase() throws SQLException {
        scratch = MigrationDatabase.create("metrics");
        database = scratch.dataSource();
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    /** A series row as the code before V7 wrote it; returns its id. */
    private long oldSeries(Labels labels, String source) {
        var text = labels.toString();
        var hash = Arrays.copyOf(Sha256.digest(text), 16);
        var jdbc = new JdbcTemplate(database);
        jdbc.update("INSERT INTO metric_series (labels_hash, labels, source) VALUES (?, ?, ?)", hash, text, source);
        return jdbc.queryForObject("SELECT id FROM metric_series WHERE labels = ?", Long.class, text);
    }

    @Test
    void storedSeriesKeepTheirIdsAndSourcesAndAreFoundAgain() throws Exception {
        scratch.migrateTo("6");
        var cpu = Labels.of("__name__", "node_cpu_seconds_total", "cpu", "0", "instance", "web-01:9100");
        var load = Labels.of("__name__", "node_load1", "instance", "web-01:9100");
        var latency = Labels.of("__name__", "check_latency_seconds", "check", "http shop");
        var cpuId = oldSeries(cpu, "scrape:web-01");
        var loadId = oldSeries(load, "scrape:web-01");
        var latencyId = oldSeries(latency, "monitoring");

        scratch.migrateTo("latest");

        var jdbc = new JdbcTemplate(database);
        assertThat(jdbc.queryForList("SELECT name FROM metric_source ORDER BY name", String.class))
                .containsExactly("monitoring", "scrape:web-01");
        var repository = new SeriesRepository(jdbc);
        var found = repository.create(List.of(cpu, load), "scrape:web-01");
        assertThat(found.inserted()).isZero();
        assertThat(found.rows()).containsExactlyInAnyOrder(new SeriesRepository.Row(cpuId, cpu, "scrape:web-01"),
                new SeriesRepository.Row(loadId, load, "scrape:web-01"));
        // Found under its own source even when another asks for it, as before.
        assertThat(repository.create(List.of(latency), "scrape:web-01").rows())
                .containsExactly(new SeriesRepository.Row(latencyId, latency, "monitoring"));

        var created = repository.create(List.of(Labels.of("__name__", "node_load5", "instance", "web-01:9100")),
                "scrape:web-01");
        assertThat(created.inserted()).isEqualTo(1);
        assertThat(created.rows().get(0).id()).isGreaterThan(latencyId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metric_source", Integer.class)).isEqualTo(2);
    }
}
