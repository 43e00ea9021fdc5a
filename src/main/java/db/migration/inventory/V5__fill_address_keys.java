package db.migration.inventory;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import db.migration.BatchedUpdate;
import io.opsline.inventory.internal.Addresses;
import io.opsline.platform.Jdbc;

/**
 * Fills {@code ci_address.address_key} (V4) for the addresses stored so far. In Java, because the
 * key writes IPv6 addresses canonically, which SQL cannot do on H2 and does differently on
 * PostgreSQL. It uses {@link Addresses#key} itself, not a copy: the keys must be exactly those the
 * code writes and looks up, and a change of that rule needs a migration re-keying every address.
 * Stored addresses were lower-cased on save, as the key expects.
 */
public class V5__fill_address_keys extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V5__fill_address_keys.class);

    /** How many addresses are read and updated at a time, so a table of any size takes this much memory. */
    private static final int CHUNK = 10_000;

    @Override
    public void migrate(Context context) {
        var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.setFetchSize(CHUNK);
        var keys = new BatchedUpdate(jdbc, "UPDATE ci_address SET address_key = ? WHERE ci_id = ? AND address = ?",
                CHUNK);
        jdbc.query("SELECT ci_id, address FROM ci_address", (RowCallbackHandler) rs -> {
            var address = rs.getString("address");
            keys.add(Addresses.key(address), Jdbc.uuid(rs, "ci_id"), address);
        });
        log.info("Keyed {} CI addresses", keys.finish());
    }
}
