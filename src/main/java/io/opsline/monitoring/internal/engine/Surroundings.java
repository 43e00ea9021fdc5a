package io.opsline.monitoring.internal.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.inventory.Inventory;
import io.opsline.monitoring.HostState;
import io.opsline.monitoring.internal.host.HostStateRepository;

/**
 * What the evaluation of a result needs from beyond the check: which parent's outage a problem is
 * a consequence of (from the inventory's runs-on and connected-to relationships and the stored host
 * states), and whether the check is in scheduled downtime.
 */
@Component
class Surroundings implements Evaluation.Circumstances {

    /** How far up the chain of parents to look; real topologies are a few levels deep. */
    private static final int MAX_DEPTH = 10;

    private final Inventory inventory;
    private final HostStateRepository hosts;

    Surroundings(Inventory inventory, HostStateRepository hosts) {
        this.inventory = inventory;
        this.hosts = hosts;
    }

    /**
     * The nearest parent that is down, looking up level by level; a parent that is itself
     * unreachable passes on the cause it was given. Only asked on hard changes, so it may read
     * the database.
     */
    @Override
    public UUID causeOf(UUID ciId) {
        var seen = new HashSet<UUID>();
        seen.add(ciId);
        var level = new ArrayDeque<UUID>();
        level.add(ciId);
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
            var parents = new HashSet<UUID>();
            for (var ci : level) {
                for (var parent : inventory.parents(ci)) {
                    if (seen.add(parent)) {
                        parents.add(parent);
                    }
                }
            }
            for (var host : hosts.findAll(parents)) {
                if (host.state() == HostState.DOWN) {
                    return host.ciId();
                }
                if (host.state() == HostState.UNREACHABLE && host.causedBy() != null) {
                    return host.causedBy();
                }
            }
            level = new ArrayDeque<>(parents);
        }
        return null;
    }

    @Override
    public boolean inDowntime(UUID ciId, UUID checkId, Instant at) {
        return false;
    }
}
