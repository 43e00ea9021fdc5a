package io.opsline.monitoring.internal.engine;

import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.inventory.Inventory;
import io.opsline.monitoring.HostState;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.host.HostStateRepository;

/**
 * What the evaluation of a result needs from beyond the check: which parent's outage a problem is
 * a consequence of (from the inventory's runs-on and connected-to relationships and the stored host
 * states), and whether the check is in scheduled downtime.
 */
@Component
class Surroundings implements Evaluation.Circumstances {

    private final Inventory inventory;
    private final HostStateRepository hosts;
    private final Downtimes downtimes;

    Surroundings(Inventory inventory, HostStateRepository hosts, Downtimes downtimes) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.downtimes = downtimes;
    }

    /**
     * The down CI this one depends on through runs-on and connected-to, directly or further up;
     * of several, the one none of the others is a parent of: the root of the outage. Only asked
     * on hard changes, so it may read the database.
     */
    @Override
    public UUID causeOf(UUID ciId) {
        var down = new HashSet<UUID>();
        for (var host : hosts.findAll(inventory.parents(ciId))) {
            if (host.state() == HostState.DOWN) {
                down.add(host.ciId());
            }
        }
        if (down.size() <= 1) {
            return down.isEmpty() ? null : down.iterator().next();
        }
        for (var candidate : down) {
            var above = inventory.parents(candidate);
            if (down.stream().noneMatch(above::contains)) {
                return candidate;
            }
        }
        return down.iterator().next();
    }

    @Override
    public boolean inDowntime(UUID ciId, UUID checkId, Instant at) {
        return downtimes.inDowntime(ciId, checkId, at);
    }
}
