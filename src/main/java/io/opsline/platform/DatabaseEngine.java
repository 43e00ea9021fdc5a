package io.opsline.platform;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Which database Opsline runs on. Most SQL is the same on both; where it cannot be, the
 * repository that needs it asks this and keeps both variants side by side.
 */
public enum DatabaseEngine {

    /** The embedded H2 database: one node, in-process, so many small queries are cheap. */
    H2,
    /** PostgreSQL: shared by every node; round trips cost, set-based SQL pays. */
    POSTGRESQL;

    /**
     * The clause that locks selected rows for an update of their other columns: against every other
     * writer of them, but (on PostgreSQL, {@code FOR NO KEY UPDATE}) not against a transaction that
     * inserts a row whose foreign key names one, which {@code FOR UPDATE} would make wait. H2 has only
     * {@code FOR UPDATE}.
     */
    public String lockForUpdate() {
        return this == POSTGRESQL ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    public static DatabaseEngine of(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            var product = connection.getMetaData().getDatabaseProductName().toLowerCase();
            if (product.contains("h2")) {
                return H2;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new IllegalStateException("Unsupported database: " + product + " (use H2 or PostgreSQL)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to tell which engine it is", e);
        }
    }
}
