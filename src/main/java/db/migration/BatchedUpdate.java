package db.migration;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One statement run for many rows a chunk at a time, for migrations that rewrite every row of a
 * table in Java: collected parameters are sent as one batch per chunk, so that a table of any size
 * takes this much memory.
 */
public final class BatchedUpdate {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final int chunkSize;
    private final List<Object[]> chunk;
    private long count;

    public BatchedUpdate(JdbcTemplate jdbc, String sql, int chunkSize) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.chunkSize = chunkSize;
        this.chunk = new ArrayList<>(chunkSize);
    }

    public void add(Object... parameters) {
        chunk.add(parameters);
        if (chunk.size() == chunkSize) {
            flush();
        }
    }

    /** Runs what is left; returns how many rows were sent in all. */
    public long finish() {
        flush();
        return count;
    }

    private void flush() {
        if (!chunk.isEmpty()) {
            jdbc.batchUpdate(sql, chunk);
            count += chunk.size();
            chunk.clear();
        }
    }
}
