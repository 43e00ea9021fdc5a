package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;

/**
 * Rows inserted at once read back as a row-by-row insert would have stored them, on both engines:
 * every type the intake writes, nulls, text that array syntax would trip over, a conflict clause,
 * and the errors a bad row gets.
 */
@ExtendWith(RequiresTestDatabase.class)
class BulkInsertIT {

    private static final Instant T = Instant.parse("2026-11-23T22:50:50.123456Z");

    private MigrationDatabase scratch;
    private JdbcTemplate jdbc;
    private DatabaseEngine engine;
    private BulkInsert insert;
    private TransactionTemplate transactions;

    @BeforeEach
    void createTable() throws SQLException {
        scratch = MigrationDatabase.create("platform");
        jdbc = new JdbcTemplate(scratch.dataSource());
        transactions = new TransactionTemplate(new JdbcTransactionManager(scratch.dataSource()));
        engine = DatabaseEngine.of(scratch.dataSource());
        jdbc.execute("CREATE TABLE bulk_row (id UUID PRIMARY KEY, name VARCHAR(20) NOT NULL, code CHAR(4), note TEXT,"
                + " at TIMESTAMP WITH TIME ZONE, big BIGINT, small INTEGER, flag BOOLEAN)");
        insert = new BulkInsert(engine, "bulk_row", "id uuid, name text, code text, note text, at timestamptz,"
                + " big int8, small int4, flag bool");
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    private List<Object[]> stored() {
        return jdbc.query("SELECT id, name, code, note, at, big, small, flag FROM bulk_row ORDER BY big",
                (rs, n) -> new Object[] {Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("code"),
                    rs.getString("note"), Jdbc.instant(rs, "at"), rs.getObject("big", Long.class),
                    rs.getObject("small", Integer.class), rs.getObject("flag", Boolean.class)});
    }

    @Test
    void storesEveryValueAsGivenIncludingNullsAndAwkwardText() {
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        insert.insert(jdbc, List.of(
                new Object[] {first, "a\"b,c{}\\ 'x", "ab12", "{\"k\": \"v, w\"}\nNULL", Jdbc.timestamp(T), 1L, 7,
                    true},
                new Object[] {second, "NULL", null, null, null, 2L, null, null}));

        assertThat(stored()).containsExactly(
                new Object[] {first, "a\"b,c{}\\ 'x", "ab12", "{\"k\": \"v, w\"}\nNULL", T, 1L, 7, true},
                new Object[] {second, "NULL", null, null, null, 2L, null, null});
    }

    @Test
    void insertsThousandsOfRowsInOneCall() {
        var rows = new ArrayList<Object[]>();
        for (long i = 0; i < 5_000; i++) {
            rows.add(new Object[] {UUID.randomUUID(), "row " + i, null, null, Jdbc.timestamp(T.plusSeconds(i)), i,
                (int) i, i % 2 == 0});
        }

        insert.insert(jdbc, rows);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulk_row WHERE flag", Long.class)).isEqualTo(2_500);
        assertThat(stored().get(4_999)[4]).isEqualTo(T.plusSeconds(4_999));
    }

    @Test
    void timesBeforeChristAfterYear9999AndAtAnyOffsetReadBackAsGiven() {
        var times = Stream.of("0001-01-01T00:00Z", "1970-01-01T00:00Z", "2026-11-24T03:38:10.5+02:00",
                "9999-12-31T23:59:59.999999Z", "+10000-01-01T00:00Z", "0000-03-01T12:00Z", "-0004-06-30T23:59:59.25Z")
                .map(OffsetDateTime::parse).toList();
        var rows = new ArrayList<Object[]>();
        for (int i = 0; i < times.size(); i++) {
            rows.add(new Object[] {UUID.randomUUID(), "t" + i, null, null, times.get(i), (long) i, null, null});
        }

        insert.insert(jdbc, rows);

        assertThat(stored()).extracting(row -> row[4])
                .containsExactlyElementsOf(times.stream().map(OffsetDateTime::toInstant).toList());
    }

    @Test
    void noRowsIsNothingToDo() {
        insert.insert(jdbc, List.of());

        assertThat(stored()).isEmpty();
    }

    @Test
    void aConflictClauseSkipsRowsThatAreThereAlready() {
        var id = UUID.randomUUID();
        insert.insert(jdbc, List.<Object[]>of(new Object[] {id, "first", null, null, null, 1L, null, null}));
        var skipping = new BulkInsert(engine, "bulk_row", "id uuid, name text, big int8", "ON CONFLICT DO NOTHING");

        skipping.insert(jdbc, List.of(new Object[] {id, "again", 1L}, new Object[] {UUID.randomUUID(), "new", 2L}));

        assertThat(stored()).extracting(row -> row[1]).containsExactly("first", "new");
    }

    @Test
    void aDuplicateKeyIsReportedAsOneAndItsTransactionStoresNoneOfTheRows() {
        var id = UUID.randomUUID();
        insert.insert(jdbc, List.<Object[]>of(new Object[] {id, "first", null, null, null, 1L, null, null}));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> insert.insert(jdbc, List.of(
                new Object[] {UUID.randomUUID(), "other", null, null, null, 2L, null, null},
                new Object[] {id, "again", null, null, null, 3L, null, null}))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(stored()).extracting(row -> row[1]).containsExactly("first");
    }

    @Test
    void textTooLongForItsColumnIsRefused() {
        assertThatThrownBy(() -> insert.insert(jdbc, List.<Object[]>of(
                new Object[] {UUID.randomUUID(), "x".repeat(21), null, null, null, 1L, null, null})))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aValueOfAnotherClassThanItsColumnsIsRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> insert.insert(jdbc, List.of(
                new Object[] {UUID.randomUUID(), "fine", null, null, null, 1L, null, null},
                new Object[] {UUID.randomUUID(), "wrong", null, null, null, 2, null, null})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("big (int8) takes Long, not Integer");
        assertThatThrownBy(() -> insert.insert(jdbc, List.<Object[]>of(new Object[] {UUID.randomUUID(), "short"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values for 8 columns");
        assertThat(stored()).isEmpty();
    }

    @Test
    void aTypeABulkStatementCannotBindIsAMistakeInTheCode() {
        assertThatThrownBy(() -> new BulkInsert(engine, "bulk_row", "id uuid, price numeric"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price has type numeric");
    }

    @Test
    void aColumnWithoutItsTypeIsAMistakeInTheCode() {
        assertThatThrownBy(() -> new BulkInsert(engine, "bulk_row", "id uuid, name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }
}
