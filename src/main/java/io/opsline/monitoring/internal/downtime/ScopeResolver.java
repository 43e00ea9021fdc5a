package io.opsline.monitoring.internal.downtime;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.inventory.Inventory;

/** Which CIs a downtime's scope covers right now: tags and dependents as the inventory has them. */
@Component
class ScopeResolver {

    private final Inventory inventory;

    ScopeResolver(Inventory inventory) {
        this.inventory = inventory;
    }

    Set<UUID> cis(Scope scope) {
        return switch (scope) {
            case Scope.WholeCi ci when ci.withDependents() -> {
                var all = new HashSet<>(inventory.dependents(ci.ciId()));
                all.add(ci.ciId());
                yield Set.copyOf(all);
            }
            case Scope.WholeCi ci -> Set.of(ci.ciId());
            case Scope.OneCheck check -> Set.of(check.ciId());
            case Scope.Tagged tagged -> inventory.taggedWith(tagged.tag());
        };
    }
}
