package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * A condition on a list of values finds the rows an IN list of them finds, on both engines, whatever
 * the list's length and its text; on PostgreSQL it is one prepared statement for every length.
 */
@ExtendWith(RequiresTestDatabase.class)
class ValueListIT {

    /** Text that an array literal or an IN list could trip over. */
    private static final List<String> AWKWARD = List.of("a\"b,c{}\\ 'x", "NULL", "", " spaced ", "ü→✓");

    private MigrationDatabase scratch;
    private DatabaseEngine engine;
    private JdbcClient jdbc;
    private final List<UUID> ids = new ArrayList<>();

    @BeforeEach
    void createTable() throws SQLException {
        scratch = MigrationDatabase.create("platform");
        engine = DatabaseEngine.of(scratch.dataSource());
        jdbc = JdbcClient.create(scratch.dataSource());
        jdbc.sql("CREATE TABLE listed (id UUID PRIMARY KEY, name VARCHAR(64) NOT NULL)").update();
        for (int i = 0; i < 700; i++) {
            var id = UUID.randomUUID();
            ids.add(id);
            jdbc.sql("INSERT INTO listed (id, name) VALUES (?, ?)").params(id, i < AWKWARD.size() ? AWKWARD.get(i)
                    : "name " + i).update();
        }
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    private Set<UUID> idsIn(List<UUID> wanted) {
        var uuids = new ValueList(engine, "uuid");
        return Set.copyOf(jdbc.sql("SELECT id FROM listed WHERE " + uuids.in("id", "ids")).param("ids", uuids.of(wanted))
                .query(UUID.class).list());
    }

    @Test
    void findsTheRowsOfOneSomeAndAllIdsAndNothingForIdsNotStored() {
        var unknown = UUID.randomUUID();

        assertThat(idsIn(List.of(ids.get(3)))).containsExactly(ids.get(3));
        assertThat(idsIn(List.of(ids.get(1), unknown, ids.get(650)))).containsExactlyInAnyOrder(ids.get(1), ids.get(650));
        assertThat(idsIn(ids)).hasSize(700).containsAll(ids);
        assertThat(idsIn(List.of(unknown))).isEmpty();
    }

    @Test
    void textIsMatchedExactlyWhateverItHolds() {
        var texts = new ValueList(engine, "text");
        var wanted = new ArrayList<>(AWKWARD);
        wanted.add("NUL");
        wanted.add("name 9");

        var found = jdbc.sql("SELECT name FROM listed WHERE " + texts.in("name", "names")).param("names",
                texts.of(wanted)).query(String.class).list();

        var expected = new ArrayList<>(AWKWARD);
        expected.add("name 9");
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void notInLeavesOutTheListedRows() {
        var uuids = new ValueList(engine, "uuid");
        var kept = ids.subList(0, 2);

        var rest = jdbc.sql("SELECT id FROM listed WHERE " + uuids.notIn("id", "ids")).param("ids",
                uuids.of(ids.subList(2, 700))).query(UUID.class).list();

        assertThat(rest).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void onPostgresqlEveryLengthIsOneStatementThatTheDriverKeepsPrepared() throws SQLException {
        assumeThat(engine).isEqualTo(DatabaseEngine.POSTGRESQL);
        try (var connection = scratch.dataSource().getConnection()) {
            var single = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            var uuids = new ValueList(engine, "uuid");
            for (int length = 1; length <= 10; length++) {
                var found = single.sql("SELECT id FROM listed WHERE " + uuids.in("id", "ids"))
                        .param("ids", uuids.of(ids.subList(0, length))).query(UUID.class).list();
                assertThat(found).hasSize(length);
            }

            // The driver names a statement on the server once it has run five times with the same text.
            var prepared = single.sql("SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%listed%'")
                    .query(String.class).list();
            assertThat(prepared).singleElement().asString().contains("= ANY(");
        }
    }

    @Test
    void aTypeWithoutAnArrayEncodingIsAMistakeInTheCode() {
        assertThatThrownBy(() -> new ValueList(engine, "numeric")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numeric").hasMessageContaining("uuid");
    }

    @Test
    void aValueOfAnotherClassThanTheTypesIsRefusedOnBothEngines() {
        var uuids = new ValueList(engine, "uuid");

        assertThatThrownBy(() -> uuids.of(List.of(ids.get(0), ids.get(1).toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
    }

    @Test
    void listsLongerThanAStatementsParametersWorkOnPostgresql() {
        assumeThat(engine).isEqualTo(DatabaseEngine.POSTGRESQL);
        var many = new ArrayList<>(ids);
        IntStream.range(0, 70_000).forEach(i -> many.add(UUID.randomUUID()));

        assertThat(idsIn(many)).hasSize(700);
    }
}
