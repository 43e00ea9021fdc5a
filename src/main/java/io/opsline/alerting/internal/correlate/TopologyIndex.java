package io.opsline.alerting.internal.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Things (group members) by their CI, found again from a related CI in a few lookups rather than by
 * comparing with every one: those on the same CI, on a CI it depends on, and on a CI that depends on it.
 */
final class TopologyIndex<T> {

    private final Function<UUID, Set<UUID>> ancestors;
    private final Map<UUID, List<T>> onCi = new HashMap<>();
    private final Map<UUID, List<T>> belowCi = new HashMap<>();

    TopologyIndex(Function<UUID, Set<UUID>> ancestors) {
        this.ancestors = ancestors;
    }

    void add(UUID ciId, T item) {
        onCi.computeIfAbsent(ciId, id -> new ArrayList<>()).add(item);
        for (var ancestor : ancestors.apply(ciId)) {
            belowCi.computeIfAbsent(ancestor, id -> new ArrayList<>()).add(item);
        }
    }

    List<T> relatedTo(UUID ciId) {
        var related = new ArrayList<>(onCi.getOrDefault(ciId, List.of()));
        for (var ancestor : ancestors.apply(ciId)) {
            related.addAll(onCi.getOrDefault(ancestor, List.of()));
        }
        related.addAll(belowCi.getOrDefault(ciId, List.of()));
        return related;
    }
}
