package io.opsline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.FileSystemUtils;

/**
 * Gives every test application context a database of its own: a fresh in-memory H2 database, or
 * a fresh schema in the PostgreSQL named by {@code OPSLINE_TEST_POSTGRES_URL}. Which one is chosen by the system property {@code opsline.test.database},
 * set per failsafe execution, so every integration test runs on both engines.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ENGINE_PROPERTY = "opsline.test.database";
    public static final String POSTGRES_URL_VARIABLE = "OPSLINE_TEST_POSTGRES_URL";
    /** The password of the {@code admin} user every test context starts with. */
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private static final String SCHEMA_PREFIX = "opsline_test_";
    private static final String DATA_DIR_PREFIX = "opsline-test-";
    private static final Duration STALE_AFTER = Duration.ofHours(6);
    private static final AtomicBoolean dataDirectoriesSwept = new AtomicBoolean();

    public static String engine() {
        return System.getProperty(ENGINE_PROPERTY, "h2").toLowerCase(Locale.ROOT);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var properties = new HashMap<String, Object>();
        try {
            removeStaleDataDirectories();
            properties.put("opsline.data-dir", Files.createTempDirectory(DATA_DIR_PREFIX).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var name = SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        switch (engine()) {
            case "h2" -> {
                properties.put("spring.datasource.url", "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
                properties.put("spring.datasource.username", "sa");
                properties.put("spring.datasource.password", "");
            }
            case "postgresql" -> usePostgresSchema(context, name, properties);
            default -> throw new IllegalStateException("Unknown " + ENGINE_PROPERTY + ": " + engine());
        }
        var sources = context.getEnvironment().getPropertySources();
        sources.addFirst(new MapPropertySource("opsline-test-database", properties));
        // Below a test's own @TestPropertySource, so a test can still start as a first start without an admin
        // password or with a bootstrap token.
        var identity = new MapPropertySource("opsline-test-identity", Map.of(
                "opsline.identity.admin-password", ADMIN_PASSWORD,
                "opsline.identity.bootstrap-token", ""));
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, identity);
        } else {
            sources.addFirst(identity);
        }
    }

    private static void usePostgresSchema(ConfigurableApplicationContext context, String schema,
            HashMap<String, Object> properties) {
        var url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is not set");
        }
        var user = parameter(url, "user");
        var password = parameter(url, "password");
        try (var connection = DriverManager.getConnection(url, user, password);
                var statement = connection.createStatement()) {
            dropStaleSchemas(connection);
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare a schema on the test PostgreSQL: " + e.getMessage(), e);
        }
        properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
    }

    /**
     * Schemas are left in place when their context closes (beans may still use them until the
     * very end); instead each run removes those earlier runs left behind. The creation time in
     * the name keeps a run that is still going safe from another.
     */
    private static void dropStaleSchemas(Connection connection) throws SQLException {
        var cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        var stale = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '"
                        + SCHEMA_PREFIX + "%'")) {
            while (rs.next()) {
                var name = rs.getString(1);
                var created = name.substring(SCHEMA_PREFIX.length(), name.indexOf('_', SCHEMA_PREFIX.length()));
                if (created.chars().allMatch(Character::isDigit) && Long.parseLong(created) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (var name : stale) {
            try (var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }

    /**
     * Data directories, like schemas, outlive their context (a bean may write there until the very
     * end): the first context of each run removes those earlier runs left behind.
     */
    private static void removeStaleDataDirectories() throws IOException {
        if (!dataDirectoriesSwept.compareAndSet(false, true)) {
            return;
        }
        var cutoff = Instant.now().minus(STALE_AFTER);
        var temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var directories = Files.newDirectoryStream(temp, DATA_DIR_PREFIX + "*")) {
            for (var directory : directories) {
                if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(directory).toInstant().isBefore(cutoff)) {
                    FileSystemUtils.deleteRecursively(directory);
                }
            }
        }
    }

    private static String parameter(String url, String name) {
        var query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        for (var pair : query.split("&")) {
            var eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
