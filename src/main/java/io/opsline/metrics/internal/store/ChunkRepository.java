package io.opsline.metrics.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;

/** SQL for samples: {@code metric_chunk}, rollups, the write-ahead rows and their writers, and block claims. */
final class ChunkRepository {

    /** Series ids per statement where a statement asks for many. */
    private static final int IN_BATCH = 500;
    private static final String INSERT_CHUNK = "INSERT INTO metric_chunk (series_id, min_ts, max_ts, sample_count, payload)"
            + " VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final String deleteExpired;
    private final String deleteExpiredRollups;
    private final long blockMs;

    ChunkRepository(JdbcTemplate template, TransactionTemplate transactions, DatabaseEngine engine, long blockMs) {
        this.template = template;
        this.blockMs = blockMs;
        this.transactions = transactions;
        this.deleteExpired = limitedDelete(engine, "metric_chunk", "min_ts < ?");
        this.deleteExpiredRollups = limitedDelete(engine, "metric_rollup", "resolution_ms = ? AND block_start < ?");
    }

    /** A DELETE of at most a given number of rows, the limit its last parameter. */
    private static String limitedDelete(DatabaseEngine engine, String table, String condition) {
        return switch (engine) {
            case H2 -> "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST ? ROWS ONLY";
            // PostgreSQL has no DELETE ... LIMIT: rows are picked by ctid, skipping those another node is deleting.
            case POSTGRESQL -> "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY (SELECT ctid FROM " + table
                    + " WHERE " + condition + " LIMIT ? FOR UPDATE SKIP LOCKED))";
        };
    }

    /** A block's rollup of one series at one resolution, to write. */
    record NewRollup(long seriesId, long resolutionMs, long blockStart, byte[] payload) {
    }

    /** A chunk to write. */
    record NewChunk(long seriesId, long minTs, long maxTs, int count, byte[] payload) {
    }

    /**
     * A chunk a flush writes: into the row that holds an earlier state of it, the row of its series
     * and first sample that ends at {@code rowMaxTs}, or into a new one ({@code rowMaxTs} is
     * {@link SeriesHead#NONE}).
     */
    record ChunkRow(long rowMaxTs, NewChunk chunk) {
    }

    /** A chunk as stored; its series, first and last sample tell its row. */
    record StoredChunk(long seriesId, long minTs, long maxTs, byte[] payload) {
    }

    /** Receives chunks read, in the order of their series' ids and then of their first samples. */
    @FunctionalInterface
    interface ChunkConsumer {

        void chunk(long seriesId, byte[] payload);
    }

    /** Commits one write-ahead row and answers its id. */
    long insertWal(String writer, byte[] payload, int count) {
        var keys = new GeneratedKeyHolder();
        template.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO metric_wal (writer, sample_count, payload) VALUES (?, ?, ?)", new String[] {"id"});
            statement.setString(1, writer);
            statement.setInt(2, count);
            statement.setBytes(3, payload);
            return statement;
        }, keys);
        return keys.getKeyAs(Long.class);
    }

    /**
     * In one transaction: writes the chunks, each into its row or a new one, deletes the write-ahead
     * rows whose samples they hold and says the writer is alive, so that every sample is in exactly
     * one place.
     */
    void flush(List<ChunkRow> rows, long[] walIds, String writer, Instant now) {
        transactions.executeWithoutResult(status -> {
            writeChunks(rows);
            for (var part : batches(walIds)) {
                template.update("DELETE FROM metric_wal WHERE id IN (" + placeholders(part.length) + ")", boxed(part));
            }
            heartbeat(writer, now);
        });
    }

    /**
     * Rewrites the rows of chunks that have one; a row compaction or retention deleted meanwhile is
     * written anew, as are chunks without a row. A row only ever grows: compaction deletes it only as
     * it read it (see {@link #replaceChunks}).
     */
    private void writeChunks(List<ChunkRow> rows) {
        markBlocks(rows.stream().map(ChunkRow::chunk).toList());
        var rewrites = rows.stream().filter(row -> row.rowMaxTs() != SeriesHead.NONE).toList();
        var counts = template.batchUpdate("UPDATE metric_chunk SET max_ts = ?, sample_count = ?, payload = ?"
                + " WHERE series_id = ? AND min_ts = ? AND max_ts = ?", rewrites, 1000, (statement, row) -> {
                    var chunk = row.chunk();
                    statement.setLong(1, chunk.maxTs());
                    statement.setInt(2, chunk.count());
                    statement.setBytes(3, chunk.payload());
                    statement.setLong(4, chunk.seriesId());
                    statement.setLong(5, chunk.minTs());
                    statement.setLong(6, row.rowMaxTs());
                });
        var inserts = new ArrayList<NewChunk>();
        var rewritten = 0;
        for (var batch : counts) {
            for (var count : batch) {
                if (count == 0) {
                    inserts.add(rewrites.get(rewritten).chunk());
                }
                rewritten++;
            }
        }
        rows.stream().filter(row -> row.rowMaxTs() == SeriesHead.NONE).forEach(row -> inserts.add(row.chunk()));
        template.batchUpdate(INSERT_CHUNK, inserts, 1000, ChunkRepository::setChunk);
    }

    void heartbeat(String writer, Instant now) {
        var at = Jdbc.timestamp(now);
        if (template.update("UPDATE metric_writer SET seen_at = ? WHERE writer = ?", at, writer) == 0) {
            template.update("INSERT INTO metric_writer (writer, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING", writer,
                    at);
        }
    }

    /** A writer that stopped cleanly, its rows all flushed. */
    void retire(String writer) {
        template.update("DELETE FROM metric_writer WHERE writer = ?", writer);
    }

    /** The ids of write-ahead rows of other writers not seen since {@code aliveSince}, oldest first. */
    List<Long> abandonedWal(Instant aliveSince, String self, int limit) {
        return template.queryForList("SELECT w.id FROM metric_wal w WHERE w.writer <> ? AND NOT EXISTS"
                + " (SELECT 1 FROM metric_writer r WHERE r.writer = w.writer AND r.seen_at >= ?)"
                + " ORDER BY w.id FETCH FIRST ? ROWS ONLY", Long.class, self, Jdbc.timestamp(aliveSince), limit);
    }

    /** Forgets writers not seen since {@code aliveSince} that left no write-ahead rows. */
    void forgetDeadWriters(Instant aliveSince) {
        template.update("DELETE FROM metric_writer WHERE seen_at < ? AND NOT EXISTS"
                + " (SELECT 1 FROM metric_wal w WHERE w.writer = metric_writer.writer)", Jdbc.timestamp(aliveSince));
    }

    /** Converts what a write-ahead row holds into chunks, given its payload. */
    @FunctionalInterface
    interface WalConversion {

        List<NewChunk> chunks(byte[] payload);
    }

    /**
     * Turns a write-ahead row into chunks in one transaction, if this node wins it: the delete
     * decides, as only one transaction deletes the row. Answers how many samples it held, or -1 when
     * another node took it.
     */
    int recoverWal(long id, WalConversion conversion) {
        var recovered = transactions.execute(status -> {
            var payloads = template.query("SELECT payload, sample_count FROM metric_wal WHERE id = ?",
                    (rs, n) -> new Object[] {rs.getBytes(1), rs.getInt(2)}, id);
            if (payloads.isEmpty() || template.update("DELETE FROM metric_wal WHERE id = ?", id) != 1) {
                return -1;
            }
            insertChunks(conversion.chunks((byte[]) payloads.getFirst()[0]));
            return (Integer) payloads.getFirst()[1];
        });
        return recovered == null ? -1 : recovered;
    }

    /** Hands the chunks of these series that hold samples from {@code fromMs} to {@code toMs} to the consumer. */
    void readChunks(long[] seriesIds, long fromMs, long toMs, ChunkConsumer consumer) {
        for (var part : batches(seriesIds)) {
            template.query("SELECT series_id, payload FROM metric_chunk WHERE series_id IN (" + placeholders(part.length)
                    + ") AND max_ts >= ? AND min_ts <= ? ORDER BY series_id, min_ts",
                    (RowCallbackHandler) rs -> consumer.chunk(rs.getLong(1), rs.getBytes(2)), params(part, fromMs, toMs));
        }
    }

    /** Of these series, those with a chunk holding samples from {@code fromMs} to {@code toMs}. */
    long[] seriesWithChunks(long[] seriesIds, long fromMs, long toMs) {
        var found = new ArrayList<Long>();
        for (var part : batches(seriesIds)) {
            found.addAll(template.queryForList("SELECT DISTINCT series_id FROM metric_chunk WHERE series_id IN ("
                    + placeholders(part.length) + ") AND max_ts >= ? AND min_ts <= ?", Long.class, params(part, fromMs, toMs)));
        }
        return found.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** How many samples the chunks hold, their payloads' bytes, and the rollups'. */
    StoredTotals totals() {
        var rollups = template.queryForObject("SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(payload)), 0) FROM metric_rollup",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
        return template.queryForObject("SELECT COALESCE(SUM(sample_count), 0), COALESCE(SUM(OCTET_LENGTH(payload)), 0),"
                + " COUNT(*) FROM metric_chunk", (rs, n) -> new StoredTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rollups[0], rollups[1]));
    }

    /** Each series' newest stored chunk, for the time and value of its newest sample. */
    Map<Long, byte[]> newestChunks(long[] seriesIds) {
        var newest = new HashMap<Long, byte[]>();
        for (var part : batches(seriesIds)) {
            template.query("SELECT c.series_id, c.payload FROM metric_chunk c WHERE c.series_id IN ("
                    + placeholders(part.length) + ") AND c.max_ts = (SELECT MAX(m.max_ts) FROM metric_chunk m"
                    + " WHERE m.series_id = c.series_id)",
                    (RowCallbackHandler) rs -> newest.put(rs.getLong(1), rs.getBytes(2)), boxed(part));
        }
        return newest;
    }

    /** How many blocks starting before {@code closedBefore} wait to be compacted, claimed or not. */
    int blocksWaiting(long closedBefore) {
        return template.queryForObject("SELECT COUNT(*) FROM metric_block WHERE compacted_at IS NULL AND block_start < ?",
                Integer.class, closedBefore);
    }

    /**
     * Closed blocks to compact: written to since they were last compacted (or never compacted),
     * starting before {@code closedBefore}, and not claimed by a node whose lease holds.
     */
    List<Long> blocksToCompact(long closedBefore, Instant now) {
        return template.queryForList("SELECT block_start FROM metric_block WHERE compacted_at IS NULL"
                + " AND block_start < ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY block_start", Long.class,
                closedBefore, Jdbc.timestamp(now));
    }

    /**
     * Claims or renews a block's compaction for a lease. A conditional update: only one node's
     * succeeds while the lease holds.
     */
    boolean claimBlock(long blockStart, String node, Instant now, Instant leaseUntil) {
        return template.update("UPDATE metric_block SET node = ?, lease_until = ? WHERE block_start = ?"
                + " AND compacted_at IS NULL AND (lease_until IS NULL OR lease_until < ? OR node = ?)", node,
                Jdbc.timestamp(leaseUntil), blockStart, Jdbc.timestamp(now), node) == 1;
    }

    void blockCompacted(long blockStart, String node, Instant now) {
        template.update("UPDATE metric_block SET compacted_at = ?, node = NULL, lease_until = NULL"
                + " WHERE block_start = ? AND node = ?", Jdbc.timestamp(now), blockStart, node);
    }

    /** The series with at least {@code atLeast} chunks in a block, sorted. */
    long[] seriesInBlock(long blockStart, long blockEnd, int atLeast) {
        return template.queryForList("SELECT series_id FROM metric_chunk WHERE min_ts >= ? AND min_ts < ?"
                + " GROUP BY series_id HAVING COUNT(*) >= ? ORDER BY series_id", Long.class, blockStart, blockEnd, atLeast)
                .stream().mapToLong(Long::longValue).toArray();
    }

    /** These series' chunks in a block, by series and then first sample; they end in it or later. */
    List<StoredChunk> chunksInBlock(long[] seriesIds, long blockStart, long blockEnd) {
        return template.query("SELECT series_id, min_ts, max_ts, payload FROM metric_chunk WHERE series_id IN ("
                + placeholders(seriesIds.length) + ") AND max_ts >= ? AND min_ts >= ? AND min_ts < ?"
                + " ORDER BY series_id, min_ts",
                (rs, n) -> new StoredChunk(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4)),
                inBlock(seriesIds, blockStart, blockEnd));
    }

    /** Ids for an IN list, then a block's bounds as the chunks in it are asked for. */
    private static Object[] inBlock(long[] ids, long blockStart, long blockEnd) {
        var params = Arrays.copyOf(boxed(ids), ids.length + 3);
        params[ids.length] = blockStart;
        params[ids.length + 1] = blockStart;
        params[ids.length + 2] = blockEnd;
        return params;
    }

    /**
     * Replaces chunks by others in one transaction, so a reader sees either. A chunk's row that a
     * flush has rewritten since it was read (its newest sample is later) stays: it holds samples the
     * new chunks lack, and is merged the next time round.
     */
    void replaceChunks(List<StoredChunk> old, List<NewChunk> chunks, List<NewRollup> rollups) {
        transactions.executeWithoutResult(status -> {
            template.batchUpdate("DELETE FROM metric_chunk WHERE series_id = ? AND min_ts = ? AND max_ts = ?", old, 1000,
                    (statement, chunk) -> {
                        statement.setLong(1, chunk.seriesId());
                        statement.setLong(2, chunk.minTs());
                        statement.setLong(3, chunk.maxTs());
                    });
            insertChunks(chunks);
            // A block compacted again (a late chunk came) has its rollups made anew.
            template.batchUpdate("DELETE FROM metric_rollup WHERE series_id = ? AND resolution_ms = ? AND block_start = ?",
                    rollups, 1000, (statement, rollup) -> {
                        statement.setLong(1, rollup.seriesId());
                        statement.setLong(2, rollup.resolutionMs());
                        statement.setLong(3, rollup.blockStart());
                    });
            template.batchUpdate("INSERT INTO metric_rollup (series_id, resolution_ms, block_start, payload)"
                    + " VALUES (?, ?, ?, ?)", rollups, 1000, (statement, rollup) -> {
                        statement.setLong(1, rollup.seriesId());
                        statement.setLong(2, rollup.resolutionMs());
                        statement.setLong(3, rollup.blockStart());
                        statement.setBytes(4, rollup.payload());
                    });
        });
    }

    /**
     * These series' rollups at a resolution of the blocks starting from {@code fromBlock} to
     * {@code toBlock} (both included), by series and then block.
     */
    void readRollups(long[] seriesIds, long resolutionMs, long fromBlock, long toBlock, ChunkConsumer consumer) {
        for (var part : batches(seriesIds)) {
            var params = new Object[part.length + 3];
            params[0] = resolutionMs;
            System.arraycopy(boxed(part), 0, params, 1, part.length);
            params[part.length + 1] = fromBlock;
            params[part.length + 2] = toBlock;
            template.query("SELECT series_id, payload FROM metric_rollup WHERE resolution_ms = ? AND series_id IN ("
                    + placeholders(part.length) + ") AND block_start >= ? AND block_start <= ?"
                    + " ORDER BY series_id, block_start",
                    (RowCallbackHandler) rs -> consumer.chunk(rs.getLong(1), rs.getBytes(2)), params);
        }
    }

    /**
     * Where rollups end: the start of the oldest block not compacted (every block before it has its
     * rollups), else the end of the newest block; {@link Long#MIN_VALUE} while there is none.
     */
    long rollupHorizon() {
        var oldest = template.queryForObject("SELECT MIN(block_start) FROM metric_block WHERE compacted_at IS NULL",
                Long.class);
        if (oldest != null) {
            return oldest;
        }
        var newest = template.queryForObject("SELECT MAX(block_start) FROM metric_block", Long.class);
        return newest == null ? Long.MIN_VALUE : newest + blockMs;
    }

    /** Deletes at most {@code limit} rollups at a resolution of blocks starting before {@code cutoffBlock}. */
    int deleteRollupsBefore(long resolutionMs, long cutoffBlock, int limit) {
        return template.update(deleteExpiredRollups, resolutionMs, cutoffBlock, limit);
    }

    /**
     * Deletes at most {@code limit} chunks of blocks that ended by {@code cutoffBlock}, which are
     * those that start before it (no chunk spans two blocks); says how many.
     */
    int deleteBlocksBefore(long cutoffBlock, int limit) {
        return template.update(deleteExpired, cutoffBlock, limit);
    }

    /** Writes chunks and marks the blocks they fall into as needing compaction. */
    private void insertChunks(List<NewChunk> chunks) {
        markBlocks(chunks);
        template.batchUpdate(INSERT_CHUNK, chunks, 1000, ChunkRepository::setChunk);
    }

    private static void setChunk(PreparedStatement statement, NewChunk chunk) throws SQLException {
        statement.setLong(1, chunk.seriesId());
        statement.setLong(2, chunk.minTs());
        statement.setLong(3, chunk.maxTs());
        statement.setInt(4, chunk.count());
        statement.setBytes(5, chunk.payload());
    }

    /**
     * Marks the blocks chunks fall into as needing compaction. Costs no lock where a block is
     * marked already: neither statement then changes a row.
     */
    private void markBlocks(List<NewChunk> chunks) {
        var blocks = new TreeSet<Long>();
        chunks.forEach(chunk -> blocks.add(Math.floorDiv(chunk.minTs(), blockMs) * blockMs));
        for (var block : blocks) {
            template.update("INSERT INTO metric_block (block_start) VALUES (?) ON CONFLICT DO NOTHING", block);
            template.update("UPDATE metric_block SET compacted_at = NULL WHERE block_start = ?"
                    + " AND compacted_at IS NOT NULL", block);
        }
    }

    /** Ids in runs of at most {@value #IN_BATCH}, one statement's worth each. */
    private static List<long[]> batches(long[] ids) {
        var batches = new ArrayList<long[]>(ids.length / IN_BATCH + 1);
        for (var start = 0; start < ids.length; start += IN_BATCH) {
            batches.add(Arrays.copyOfRange(ids, start, Math.min(ids.length, start + IN_BATCH)));
        }
        return batches;
    }

    private static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    /** Ids for an IN list, then a time range. */
    private static Object[] params(long[] ids, long fromMs, long toMs) {
        var params = Arrays.copyOf(boxed(ids), ids.length + 2);
        params[ids.length] = fromMs;
        params[ids.length + 1] = toMs;
        return params;
    }

    private static Object[] boxed(long[] ids) {
        var boxed = new Object[ids.length];
        for (var i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return boxed;
    }
}
