package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * Rows updated at once end as a row-by-row update would have left them, on both engines: each row
 * gets its own values, nulls included, rows not named keep theirs, and a unique key still holds.
 */
@ExtendWith(RequiresTestDatabase.class)
class BulkUpdateIT {

    private static final Instant T = Instant.parse("2026-11-23T22:50:50.123456Z");

    private MigrationDatabase scratch;
    private JdbcTemplate jdbc;
    private BulkUpdate update;
    private final List<UUID> ids = new ArrayList<>();

    @BeforeEach
    void createRows() throws SQLException {
        scratch = MigrationDatabase.create("platform");
        jdbc = new JdbcTemplate(scratch.dataSource());
        var engine = DatabaseEngine.of(scratch.dataSource());
        jdbc.execute("CREATE TABLE bulk_row (id UUID PRIMARY KEY, name VARCHAR(20), at TIMESTAMP WITH TIME ZONE,"
                + " big BIGINT NOT NULL, flag BOOLEAN)");
        jdbc.execute("CREATE UNIQUE INDEX bulk_row_name_ux ON bulk_row (name)");
        for (long i = 0; i < 3; i++) {
            var id = UUID.randomUUID();
            ids.add(id);
            jdbc.update("INSERT INTO bulk_row (id, name, at, big, flag) VALUES (?, ?, ?, ?, ?)", id, "row " + i,
                    Jdbc.timestamp(T), i, false);
        }
        update = new BulkUpdate(engine, "bulk_row", "id uuid", "name text, at timestamptz, flag bool");
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    private List<Object[]> stored() {
        return jdbc.query("SELECT id, name, at, big, flag FROM bulk_row ORDER BY big", (rs, n) -> new Object[] {
            Jdbc.uuid(rs, "id"), rs.getString("name"), Jdbc.instant(rs, "at"), rs.getLong("big"),
            rs.getObject("flag", Boolean.class)});
    }

    @Test
    void eachNamedRowTakesItsOwnValuesAndTheOthersKeepTheirs() {
        update.update(jdbc, List.of(
                new Object[] {"first, \"changed\"", Jdbc.timestamp(T.plusSeconds(60)), true, ids.get(0)},
                new Object[] {null, null, null, ids.get(2)}));

        assertThat(stored()).containsExactly(
                new Object[] {ids.get(0), "first, \"changed\"", T.plusSeconds(60), 0L, true},
                new Object[] {ids.get(1), "row 1", T, 1L, false},
                new Object[] {ids.get(2), null, null, 2L, null});
    }

    @Test
    void aKeyThatFindsNoRowChangesNothing() {
        update.update(jdbc, List.<Object[]>of(new Object[] {"nobody", null, true, UUID.randomUUID()}));
        update.update(jdbc, List.of());

        assertThat(stored()).extracting(row -> row[1]).containsExactly("row 0", "row 1", "row 2");
    }

    @Test
    void aUniqueKeyStillHolds() {
        assertThatThrownBy(() -> update.update(jdbc, List.<Object[]>of(new Object[] {"row 1", null, true, ids.get(0)})))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
