package io.opsline.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own for one module's migrations, on the engine the tests run on: migrated to
 * an old version, filled as the old code filled it, then migrated on, to prove that a migration
 * carries existing data over. Close it when done.
 */
public final class MigrationDatabase implements AutoCloseable {

    private final String module;
    private final String schema;
    private final DataSource dataSource;

    private MigrationDatabase(String module, String schema, DataSource dataSource) {
        this.module = module;
        this.schema = schema;
        this.dataSource = dataSource;
    }

    /** A fresh, empty database (H2 in memory, or a schema of the PostgreSQL test database). */
    public static MigrationDatabase create(String module) throws SQLException {
        // Named as TestDatabase names its schemas, so that one a crashed run leaves is dropped later.
        var schema = "opsline_test_" + Instant.now().getEpochSecond() + "_migration_"
                + UUID.randomUUID().toString().substring(0, 8);
        var dataSource = switch (TestDatabase.engine()) {
            case "h2" -> new DriverManagerDataSource("jdbc:h2:mem:" + schema
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            default -> {
                var url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
                try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                }
                yield new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            }
        };
        return new MigrationDatabase(module, schema, dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs the module's migrations up to {@code target} (a version, or "latest"), as the application does. */
    public void migrateTo(String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + module,
                        "classpath:db/vendor/" + TestDatabase.engine() + "/" + module)
                .table("flyway_schema_history_" + module)
                .target(target)
                .load()
                .migrate();
    }

    @Override
    public void close() {
        new JdbcTemplate(dataSource).execute(switch (TestDatabase.engine()) {
            case "h2" -> "SHUTDOWN";
            default -> "DROP SCHEMA " + schema + " CASCADE";
        });
    }
}
