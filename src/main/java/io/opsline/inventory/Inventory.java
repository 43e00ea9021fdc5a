package io.opsline.inventory;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.inventory.internal.CiRepository;
import io.opsline.inventory.internal.ConfigurationItem;
import io.opsline.inventory.internal.RelationshipRepository;

/** Read access to configuration items for the modules that watch and work on them. */
@Service
public class Inventory {

    private static final Set<RelationshipType> HOSTING = EnumSet.of(RelationshipType.RUNS_ON,
            RelationshipType.CONNECTED_TO);

    private final CiRepository cis;
    private final RelationshipRepository relationships;

    Inventory(CiRepository cis, RelationshipRepository relationships) {
        this.cis = cis;
        this.relationships = relationships;
    }

    /**
     * The CIs this one runs on or is connected to: those whose outage leaves it unreachable, as a
     * Nagios host's parents.
     */
    @Transactional(readOnly = true)
    public Set<UUID> parents(UUID ciId) {
        return relationships.forCi(ciId).stream()
                .filter(r -> HOSTING.contains(r.type()) && r.source().id().equals(ciId))
                .map(r -> r.target().id()).collect(Collectors.toSet());
    }

    @Transactional(readOnly = true)
    public Optional<CiSummary> find(UUID id) {
        return cis.findById(id).map(Inventory::summary);
    }

    /** The CIs with these ids that exist, by id. */
    @Transactional(readOnly = true)
    public Map<UUID, CiSummary> findAll(Collection<UUID> ids) {
        return cis.findAllById(ids).stream().map(Inventory::summary)
                .collect(Collectors.toMap(CiSummary::id, Function.identity()));
    }

    private static CiSummary summary(ConfigurationItem item) {
        var c = item.content();
        return new CiSummary(item.id(), c.ciClass(), c.name(), c.status(), c.environment(), c.criticality(),
                c.ownerTeamId(), c.tags(), c.addresses());
    }
}
