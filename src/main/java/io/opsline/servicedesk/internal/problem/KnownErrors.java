package io.opsline.servicedesk.internal.problem;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.inventory.Inventory;
import io.opsline.servicedesk.internal.IncidentView.Named;

/**
 * The known errors that concern some CIs: what an incident on those CIs should show, so that the
 * desk applies the workaround instead of investigating again.
 */
@Component
public class KnownErrors {

    private final ProblemRepository problems;
    private final Inventory inventory;

    KnownErrors(ProblemRepository problems, Inventory inventory) {
        this.problems = problems;
        this.inventory = inventory;
    }

    /** Known errors with at least one of these CIs, the most recently known first. */
    public List<KnownError> forCis(Collection<UUID> ciIds) {
        var wanted = new HashSet<>(ciIds);
        var found = problems.knownErrorsTouching(wanted);
        if (found.isEmpty()) {
            return List.of();
        }
        var names = inventory.findAll(wanted);
        return found.stream().map(p -> new KnownError(p.id(), p.reference(), p.title(), p.workaround(),
                p.ciIds().stream().filter(wanted::contains)
                        .map(id -> new Named(id, names.containsKey(id) ? names.get(id).name() : null)).toList()))
                .toList();
    }
}
