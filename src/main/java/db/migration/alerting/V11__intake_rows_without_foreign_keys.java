package db.migration.alerting;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign keys from the rows the intake writes for every new alert (its history, activity,
 * group membership, routing queue and escalation, and the group's CIs and history) to the alert or
 * group they belong to. On PostgreSQL each such key checks its parent, with a row lock, for every row
 * written: six checks for every new alert, each about doubling what writing its row costs. The intake
 * writes a child in the transaction that writes or locks its parent, and alerts and groups are never
 * deleted, so the keys guarded nothing the code does not. In Java, as the keys were declared without
 * names and each engine named them its own way.
 */
public class V11__intake_rows_without_foreign_keys extends BaseJavaMigration {

    private static final List<String> CHILDREN = List.of("alert_history", "alert_activity", "alert_group_member",
            "alert_group_ci", "alert_group_history", "alert_group_unrouted", "alert_escalation");
    private static final Set<String> PARENTS = Set.of("alert", "alert_group");

    @Override
    public void migrate(Context context) throws SQLException {
        var connection = context.getConnection();
        var metadata = connection.getMetaData();
        var upperCase = metadata.storesUpperCaseIdentifiers();
        for (var child : CHILDREN) {
            var keys = new ArrayList<String>();
            var table = upperCase ? child.toUpperCase(Locale.ROOT) : child;
            try (var imported = metadata.getImportedKeys(null, connection.getSchema(), table)) {
                while (imported.next()) {
                    var parent = imported.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    var name = imported.getString("FK_NAME");
                    if (PARENTS.contains(parent) && !keys.contains(name)) {
                        keys.add(name);
                    }
                }
            }
            try (var statement = connection.createStatement()) {
                for (var key : keys) {
                    statement.execute("ALTER TABLE " + child + " DROP CONSTRAINT \"" + key + "\"");
                }
            }
        }
    }
}
