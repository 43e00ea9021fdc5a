package io.opsline.monitoring.internal.series;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;

/**
 * Carries the samples monitoring kept in {@code check_sample_block} before metrics took them over
 * into metrics, once, at start-up: after the metrics store has started and before the web server
 * (passive results) and the check engine do, since metrics refuses a sample older than its series'
 * newest, so one new sample would shut out a series' whole history. One node copies, having
 * claimed the row of {@code check_sample_copy} (V11); the others wait for it. Series by series,
 * oldest sample first; a series' blocks are deleted once metrics has committed its samples, so a
 * copy cut short starts again where it stopped (a sample recorded twice is ignored by metrics).
 * At the end the table is dropped.
 */
@Component
class LegacySampleCopy implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LegacySampleCopy.class);
    /** Samples given to metrics at a time. */
    private static final int BATCH = 50_000;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final CheckRepository checks;
    private final CheckMetrics metrics;
    private final String node = Ids.newId().toString();
    private volatile boolean running;

    LegacySampleCopy(JdbcClient jdbc, CheckRepository checks, CheckMetrics metrics) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        var waited = false;
        while (!isDone()) {
            if (claim()) {
                long copied;
                try {
                    copied = copy(this::claim);
                } catch (ClaimLost e) {
                    log.warn("Another node took over copying the check samples kept by monitoring into metrics");
                    continue;
                }
                // Done only while still claimed: a node that took the claim over finishes instead.
                if (jdbc.sql("UPDATE check_sample_copy SET done_at = ? WHERE id = 1 AND claimed_by = ?")
                        .params(Jdbc.timestamp(Jdbc.now()), node).update() == 1) {
                    jdbc.sql("DROP TABLE check_sample_block").update();
                    log.info("Copied {} check samples kept by monitoring into metrics and dropped check_sample_block",
                            copied);
                }
                continue;
            }
            if (!waited) {
                log.info("Waiting for another node to copy the check samples kept by monitoring into metrics");
                waited = true;
            }
            try {
                Thread.sleep(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the check samples' copy", e);
            }
        }
        running = true;
    }

    private boolean isDone() {
        return jdbc.sql("SELECT COUNT(*) FROM check_sample_copy WHERE id = 1 AND done_at IS NULL").query(Integer.class)
                .single() == 0;
    }

    /** Takes the copy, or keeps it, unless another node holds it; false when one does. */
    private boolean claim() {
        var now = Jdbc.now();
        return jdbc.sql("UPDATE check_sample_copy SET claimed_by = ?, claimed_until = ? WHERE id = 1"
                + " AND done_at IS NULL AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?)")
                .params(node, Jdbc.timestamp(now.plus(LEASE)), node, Jdbc.timestamp(now)).update() == 1;
    }

    /**
     * Records every series of {@code check_sample_block} into metrics and deletes its blocks, and
     * says how many samples it recorded. Samples of checks deleted since are deleted with their
     * blocks, as the check's graph went with the check.
     *
     * @param claimKept renews the claim after each batch; false when another node has taken it over,
     *        which stops the copy
     */
    long copy(BooleanSupplier claimKept) {
        var series = jdbc.sql("SELECT DISTINCT check_id, label FROM check_sample_block")
                .query((rs, n) -> new OldSeries(Jdbc.uuid(rs, "check_id"), rs.getString("label"))).list();
        Map<UUID, CheckDefinition> known = checks
                .findAllById(series.stream().map(OldSeries::checkId).distinct().toList()).stream()
                .collect(Collectors.toMap(CheckDefinition::id, Function.identity()));
        var pending = new ArrayList<Sample>(BATCH);
        var done = new ArrayList<OldSeries>();
        long copied = 0;
        var unreadable = 0;
        for (var old : series) {
            var check = known.get(old.checkId());
            if (check != null) {
                unreadable += read(old, check, pending);
            }
            done.add(old);
            if (pending.size() >= BATCH) {
                copied += commit(pending, done, claimKept);
            }
        }
        copied += commit(pending, done, claimKept);
        if (unreadable > 0) {
            log.warn("{} blocks of check_sample_block could not be decoded and were left out of the copy to metrics",
                    unreadable);
        }
        return copied;
    }

    /** Adds a series' samples, oldest first, to those pending; says how many of its blocks were unreadable. */
    private int read(OldSeries old, CheckDefinition check, List<Sample> pending) {
        var unreadable = new int[1];
        jdbc.sql("SELECT unit, samples FROM check_sample_block WHERE check_id = ? AND label = ? ORDER BY first_at")
                .params(old.checkId(), old.label())
                .query((RowCallbackHandler) rs -> addBlock(rs, old, check, pending, unreadable));
        return unreadable[0];
    }

    private static void addBlock(ResultSet rs, OldSeries old, CheckDefinition check, List<Sample> pending,
            int[] unreadable) throws SQLException {
        var unit = rs.getString("unit");
        var from = pending.size();
        try {
            LegacySampleCodec.decode(rs.getBytes("samples"), (micros, value) -> pending.add(new Sample(check.id(),
                    check.name(), check.ciId(), old.label(), unit, LegacySampleCodec.instant(micros), value)));
        } catch (IllegalArgumentException e) {
            log.warn("A block of check {}'s samples of {} is no sample block: {}", old.checkId(), old.label(),
                    e.getMessage());
            pending.subList(from, pending.size()).clear();
            unreadable[0]++;
        }
    }

    /** Records the pending samples, then deletes the blocks of the series they came from. */
    private long commit(List<Sample> pending, List<OldSeries> done, BooleanSupplier claimKept) {
        var count = pending.size();
        metrics.record(pending);
        for (var old : done) {
            jdbc.sql("DELETE FROM check_sample_block WHERE check_id = ? AND label = ?")
                    .params(old.checkId(), old.label()).update();
        }
        pending.clear();
        done.clear();
        if (!claimKept.getAsBoolean()) {
            throw new ClaimLost();
        }
        return count;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the metrics store starts, before the web server (phase - 1024) and the check engine. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3000;
    }

    private record OldSeries(UUID checkId, String label) {
    }

    /** This node held the claim too long without renewing it, and another took it. */
    private static final class ClaimLost extends RuntimeException {

        ClaimLost() {
            super("lost the claim on copying check samples into metrics to another node", null, false, false);
        }
    }
}
