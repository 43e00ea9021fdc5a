package io.opsline.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.postgresql.Driver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh, empty schema on the test PostgreSQL ({@code OPSLINE_TEST_POSTGRES_URL}) for Opsline
 * processes a test starts, which share it as production nodes share a database. Dropped on close.
 */
public final class SharedSchema implements AutoCloseable {

    private final String baseUrl;
    private final String schema;
    private final JdbcClient jdbc;

    private SharedSchema(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(url()));
    }

    public static SharedSchema create(String purpose) {
        var url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        }
        // Named as TestDatabase names its schemas, so that one a crashed run leaves is dropped later.
        var schema = "opsline_test_" + Instant.now().getEpochSecond() + "_" + purpose + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a schema on the test PostgreSQL: " + e.getMessage(), e);
        }
        return new SharedSchema(url, schema);
    }

    /** The JDBC URL of this schema, user and password included. */
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The settings that put an Opsline node on this schema, as environment variables. */
    public Map<String, String> opslineEnvironment() {
        var parsed = Driver.parseURL(baseUrl, null);
        if (parsed == null) {
            throw new IllegalStateException(TestDatabase.POSTGRES_URL_VARIABLE + " is not a PostgreSQL JDBC URL");
        }
        return Map.of("OPSLINE_DB_URL", url(),
                "OPSLINE_DB_USER", parsed.getProperty("user", ""),
                "OPSLINE_DB_PASSWORD", parsed.getProperty("password", ""));
    }

    /** For the test's own look at what the nodes stored. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }
}
