package io.opsline.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.inventory.internal.CiInput;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiRepository;
import io.opsline.inventory.internal.ConfigurationItem;

/** Access to configuration items for the modules that watch and work on them. */
@Service
public class Inventory {

    private final CiRepository cis;
    private final CiManagement management;

    Inventory(CiRepository cis, CiManagement management) {
        this.cis = cis;
        this.management = management;
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

    /** The CI of a class with this name (names are unique per class, whatever their case). */
    @Transactional(readOnly = true)
    public Optional<CiSummary> findByName(CiClass ciClass, String name) {
        return cis.findIdByClassAndName(ciClass, name.strip()).flatMap(this::find);
    }

    /**
     * Every CI of a class in one of the statuses that carries all the tags (every CI of the class
     * in those statuses when there are no tags), ordered by name. Tags are compared as stored:
     * lower case (see {@link Tags}).
     */
    @Transactional(readOnly = true)
    public List<CiSummary> findMatching(CiClass ciClass, Set<String> tags, Set<CiStatus> statuses) {
        var ids = cis.findMatchingIds(ciClass, tags, statuses);
        var found = findAll(ids);
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /**
     * Creates an active CI for a module that registers one by itself (monitoring registering
     * the host it runs on), validated, audited (as the system when nobody is signed in) and
     * announced with {@link CiSaved} like any other.
     *
     * @throws io.opsline.platform.ConflictException when a CI of the class has that name
     */
    @Transactional
    public CiSummary create(CiClass ciClass, String name, List<String> addresses, List<String> tags) {
        var created = management.create(new CiInput(null, ciClass.key(), name, CiStatus.ACTIVE.key(), null, null,
                null, null, null, tags, addresses, null, null, null));
        return find(created.id()).orElseThrow();
    }

    private static CiSummary summary(ConfigurationItem item) {
        var c = item.content();
        return new CiSummary(item.id(), c.ciClass(), c.name(), c.status(), c.environment(), c.criticality(),
                c.ownerTeamId(), c.tags(), c.addresses());
    }
}
