package io.opsline.monitoring.internal.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.opsline.platform.Jdbc;

/**
 * This node's share of the checks, claimed in the database. Checks fall into {@link #BUCKETS}
 * buckets by id; each node says it is alive, claims free or expired buckets up to a fair share of
 * the live nodes, renews its claims, and gives back buckets beyond its share so that a node that
 * joins gets work. Each claim is a conditional UPDATE only one node can win, so no bucket has two
 * owners while its lease runs; a node that dies loses its buckets when their leases expire.
 */
final class CheckLeases {

    static final int BUCKETS = 32;

    private final JdbcClient jdbc;
    private final Duration lease;
    private final String node;

    CheckLeases(JdbcClient jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.node = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String node() {
        return node;
    }

    /** The bucket a check falls into. */
    static int bucket(UUID checkId) {
        return Math.floorMod(checkId.hashCode(), BUCKETS);
    }

    /**
     * Renews this node's claims and claims more up to its fair share.
     *
     * @return the buckets this node owns now, and those beyond its share that it should give back
     *         (after storing their checks' states) with {@link #release}
     */
    Shares renew(Instant now) {
        var expires = Jdbc.timestamp(now.plus(lease));
        var at = Jdbc.timestamp(now);
        if (jdbc.sql("UPDATE check_node SET seen_at = ? WHERE node = ?").params(at, node).update() == 0) {
            jdbc.sql("INSERT INTO check_node (node, seen_at) VALUES (?, ?)").params(node, at).update();
        }
        jdbc.sql("DELETE FROM check_node WHERE seen_at < ?").param(Jdbc.timestamp(now.minus(lease.multipliedBy(10))))
                .update();
        jdbc.sql("UPDATE check_lease SET expires_at = ? WHERE node = ? AND expires_at > ?").params(expires, node, at)
                .update();
        long live = jdbc.sql("SELECT COUNT(*) FROM check_node WHERE seen_at > ?")
                .param(Jdbc.timestamp(now.minus(lease))).query(Long.class).single();
        var share = (int) Math.ceil((double) BUCKETS / Math.max(1, live));
        var mine = owned(at);
        if (mine.size() < share) {
            var free = jdbc.sql("SELECT bucket FROM check_lease WHERE node IS NULL OR expires_at <= ? ORDER BY bucket")
                    .param(at).query(Integer.class).list();
            for (var bucket : free) {
                if (mine.size() >= share) {
                    break;
                }
                var claimed = jdbc.sql("UPDATE check_lease SET node = ?, expires_at = ?"
                        + " WHERE bucket = ? AND (node IS NULL OR expires_at <= ?)")
                        .params(node, expires, bucket, at).update() == 1;
                if (claimed) {
                    mine.add(bucket);
                }
            }
        }
        var surplus = new TreeSet<Integer>();
        for (var bucket : mine.descendingSet()) {
            if (mine.size() - surplus.size() <= share) {
                break;
            }
            surplus.add(bucket);
        }
        var keep = new TreeSet<>(mine);
        keep.removeAll(surplus);
        return new Shares(keep, surplus);
    }

    /** Gives these buckets back for other nodes to claim. */
    void release(Set<Integer> buckets) {
        for (var bucket : buckets) {
            jdbc.sql("UPDATE check_lease SET node = NULL, expires_at = NULL WHERE bucket = ? AND node = ?")
                    .params(bucket, node).update();
        }
    }

    /** Gives back every bucket and says goodbye, when this node stops. */
    void releaseAll() {
        jdbc.sql("UPDATE check_lease SET node = NULL, expires_at = NULL WHERE node = ?").param(node).update();
        jdbc.sql("DELETE FROM check_node WHERE node = ?").param(node).update();
    }

    private TreeSet<Integer> owned(Object at) {
        return new TreeSet<>(jdbc.sql("SELECT bucket FROM check_lease WHERE node = ? AND expires_at > ?")
                .params(node, at).query(Integer.class).list());
    }

    record Shares(Set<Integer> owned, Set<Integer> surplus) {
    }

    private static String hostName() {
        try {
            var name = InetAddress.getLocalHost().getHostName();
            return name.length() > 150 ? name.substring(0, 150) : name;
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
