package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import io.opsline.metrics.Labels;
import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * Two label sets sharing a 64-bit key cannot be found by chance, so one is made by hand: a row
 * stored under the key another series would get. That series must then not be created, and
 * above all not be taken for the row's series.
 */
@ExtendWith(RequiresTestDatabase.class)
class SeriesKeyCollisionIT {

    private MigrationDatabase scratch;
    private JdbcTemplate jdbc;

    @BeforeEach
    void createDatabase() throws SQLException {
        scratch = MigrationDatabase.create("metrics");
        scratch.migrateTo("latest");
        jdbc = new JdbcTemplate(scratch.dataSource());
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    @Test
    void aSeriesWhoseKeyAnotherHasIsNotCreatedAndNotMixedUpWithIt() {
        var repository = new SeriesRepository(jdbc);
        var holder = repository.create(List.of(Labels.of("__name__", "up", "job", "db")), "scrape:db").rows().get(0);
        var wanted = Labels.of("__name__", "up", "job", "web");
        jdbc.update("UPDATE metric_series SET labels_key = ? WHERE id = ?", SeriesKey.of(wanted.toString()), holder.id());

        var created = repository.create(List.of(wanted, Labels.of("__name__", "up", "job", "mail")), "scrape:web");

        assertThat(created.inserted()).isEqualTo(1);
        assertThat(created.rows()).extracting(SeriesRepository.Row::labels)
                .containsExactly(Labels.of("__name__", "up", "job", "mail"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metric_series", Integer.class)).isEqualTo(2);
    }
}
