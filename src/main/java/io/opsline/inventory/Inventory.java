package io.opsline.inventory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.inventory.internal.CiRepository;
import io.opsline.inventory.internal.ConfigurationItem;

/** Read access to configuration items for the modules that watch and work on them. */
@Service
public class Inventory {

    private final CiRepository cis;

    Inventory(CiRepository cis) {
        this.cis = cis;
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
