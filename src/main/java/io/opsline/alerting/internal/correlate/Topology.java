package io.opsline.alerting.internal.correlate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.inventory.CiDeleted;
import io.opsline.inventory.CiSaved;
import io.opsline.inventory.Inventory;

/**
 * What each CI depends on, as far up as correlation looks: over every relationship along which a
 * failure travels to it ({@link Inventory#upstream}: runs on, connected to, depends on, and its
 * parts), not only those that carry it ({@link Inventory#parents}, what monitoring calls parents),
 * as an application's errors are one problem with the database it depends on. The inventory's
 * answer is transitive (through any number of others), so the depth is worked out here: an
 * ancestor's depth is the longest chain of the CI's other ancestors leading to it. Where two paths of different length lead to one ancestor that counts the longer,
 * which at worst leaves an ancestor out that a shortcut brings nearer. Answers are reused for the
 * configured CI cache time, as a storm names the same CIs again and again; a change to a CI forgets them.
 */
@Component
class Topology {

    /** Beyond this many remembered CIs the memory is simply started afresh. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Inventory inventory;
    private final int depth;
    private final long cacheNanos;
    private final ConcurrentHashMap<UUID, Known> upstream = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Known> ancestors = new ConcurrentHashMap<>();

    Topology(Inventory inventory, AlertingProperties properties) {
        this.inventory = inventory;
        this.depth = properties.topologyDepth();
        this.cacheNanos = properties.ciCacheTime().toNanos();
    }

    private record Known(Set<UUID> ciIds, long until) {
    }

    /** The CIs this one depends on, at most the configured depth up. */
    Set<UUID> ancestors(UUID ciId) {
        return remembered(ancestors, ciId, id -> within(id, depth, this::upstream));
    }

    private Set<UUID> upstream(UUID ciId) {
        return remembered(upstream, ciId, inventory::upstream);
    }

    private Set<UUID> remembered(Map<UUID, Known> memory, UUID ciId, Function<UUID, Set<UUID>> lookUp) {
        var now = System.nanoTime();
        var known = memory.get(ciId);
        if (known != null && now - known.until() < 0) {
            return known.ciIds();
        }
        var found = lookUp.apply(ciId);
        if (memory.size() >= MAX_REMEMBERED) {
            memory.clear();
        }
        memory.put(ciId, new Known(found, now + cacheNanos));
        return found;
    }

    /** The ancestors of a CI no more than {@code depth} steps up, given each CI's transitive ancestors. */
    static Set<UUID> within(UUID ciId, int depth, Function<UUID, Set<UUID>> transitiveParents) {
        var all = transitiveParents.apply(ciId);
        var depths = new HashMap<UUID, Integer>();
        for (var ancestor : all) {
            depthOf(ancestor, all, transitiveParents, depths, new HashSet<>());
        }
        var near = new HashSet<UUID>();
        depths.forEach((ancestor, steps) -> {
            if (steps <= depth) {
                near.add(ancestor);
            }
        });
        return Set.copyOf(near);
    }

    /** One step more than the deepest of the other ancestors that lie between the CI and this one. */
    private static int depthOf(UUID ancestor, Set<UUID> all, Function<UUID, Set<UUID>> transitiveParents,
            Map<UUID, Integer> depths, Set<UUID> visiting) {
        var known = depths.get(ancestor);
        if (known != null) {
            return known;
        }
        visiting.add(ancestor);
        var steps = 1;
        for (var between : all) {
            // A cycle (a connected to b connected to a) is walked once.
            if (!visiting.contains(between) && transitiveParents.apply(between).contains(ancestor)) {
                steps = Math.max(steps, 1 + depthOf(between, all, transitiveParents, depths, visiting));
            }
        }
        visiting.remove(ancestor);
        depths.put(ancestor, steps);
        return steps;
    }

    @EventListener
    void on(CiSaved saved) {
        forget();
    }

    @EventListener
    void on(CiDeleted deleted) {
        forget();
    }

    private void forget() {
        upstream.clear();
        ancestors.clear();
    }
}
