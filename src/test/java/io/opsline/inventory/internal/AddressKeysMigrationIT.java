package io.opsline.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.testing.MigrationDatabase;
import io.opsline.testing.RequiresTestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory's migrations run on a database of their own up to V3, where addresses were stored
 * only as written; CIs are written there as the old code wrote them, and the remaining migrations
 * must key every address so that the lookups find them.
 */
@ExtendWith(RequiresTestDatabase.class)
class AddressKeysMigrationIT {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private MigrationDatabase scratch;
    private DataSource database;

    @BeforeEach
    void createDatabase() throws SQLException {
        scratch = MigrationDatabase.create("inventory");
        database = scratch.dataSource();
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    private void migrate(String target) {
        scratch.migrateTo(target);
    }

    /** A CI row and its addresses as the code before V4 wrote them: lower-cased, otherwise as given. */
    private UUID oldCi(String ciClass, String name, int minutesAfterCreation, String... addresses) {
        var id = UUID.randomUUID();
        var jdbc = new JdbcTemplate(database);
        jdbc.update("INSERT INTO ci (id, ci_class, name, name_key, status, environment, criticality, attributes,"
                + " search_text, created_at, updated_at, version) VALUES (?, ?, ?, ?, 'ACTIVE', 'PRODUCTION', 'MEDIUM',"
                + " '{}', ?, ?, ?, 0)", id, ciClass, name, name.toLowerCase(), name.toLowerCase(),
                Jdbc.timestamp(CREATED), Jdbc.timestamp(CREATED.plusSeconds(60L * minutesAfterCreation)));
        for (var address : addresses) {
            jdbc.update("INSERT INTO ci_address (ci_id, address) VALUES (?, ?)", id, address);
        }
        return id;
    }

    @Test
    void keysEveryStoredAddressSoThatLookupsFindIt() {
        migrate("3");
        var web = oldCi("SERVER", "web-01", 0, "10.0.0.5", "2001:db8:0:0::1", "web-01.example.com.");
        var app = oldCi("APPLICATION", "shop", 5, "2001:0db8::0001", "::ffff:10.9.8.7");
        var router = oldCi("NETWORK_DEVICE", "edge", 0, "fe80:0::1%eth0", "gw");

        migrate("latest");

        var jdbc = JdbcClient.create(database);
        var keys = new HashMap<String, String>();
        jdbc.sql("SELECT address, address_key FROM ci_address")
                .query((rs, n) -> Map.entry(rs.getString("address"), rs.getString("address_key"))).list()
                .forEach(e -> keys.put(e.getKey(), e.getValue()));
        assertThat(keys).isEqualTo(Map.of("10.0.0.5", "10.0.0.5", "2001:db8:0:0::1", "2001:db8::1",
                "web-01.example.com.", "web-01.example.com", "2001:0db8::0001", "2001:db8::1",
                "::ffff:10.9.8.7", "10.9.8.7", "fe80:0::1%eth0", "fe80::1%eth0", "gw", "gw"));

        var repository = new CiRepository(jdbc, new JdbcTemplate(database), JsonMapper.builder().build(),
                DatabaseEngine.of(database));
        assertThat(repository.findPreferredIdByAddress("2001:db8::1")).as("the server before the application")
                .hasValue(web);
        assertThat(repository.findPreferredIdByAddress("10.9.8.7")).hasValue(app);
        assertThat(repository.findPreferredIdByNameOrAddress("web-01.example.com")).hasValue(web);
        assertThat(repository.findPreferredIdByNameOrAddress("gw")).hasValue(router);
        assertThat(repository.findAllById(List.of(web)).getFirst().content().addresses())
                .as("addresses read as they were written").containsExactly("10.0.0.5", "2001:db8:0:0::1",
                        "web-01.example.com.");

        assertThatThrownBy(() -> new JdbcTemplate(database)
                .update("INSERT INTO ci_address (ci_id, address) VALUES (?, '10.0.0.6')", web))
                .as("every address has a key from now on").isInstanceOf(DataIntegrityViolationException.class);
    }
}
