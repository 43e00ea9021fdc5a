package io.opsline.inventory;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
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

import io.opsline.inventory.internal.Addresses;
import io.opsline.inventory.internal.CiInput;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiRepository;
import io.opsline.inventory.internal.ConfigurationItem;
import io.opsline.inventory.internal.RelationshipRepository;
import io.opsline.inventory.internal.RelationshipRepository.ImpactEdge;

/** Access to configuration items for the modules that watch and work on them. */
@Service
public class Inventory {

    /**
     * The relationships along which one CI takes another down with it, as Nagios parents do:
     * what runs on a host, what is plugged into a switch. A dependency of one application on
     * another's service is left out: that application is not unreachable, it has a problem.
     */
    private static final Set<RelationshipType> CARRYING = Set.of(RelationshipType.RUNS_ON,
            RelationshipType.CONNECTED_TO);

    private final CiRepository cis;
    private final RelationshipRepository relationships;
    private final CiManagement management;

    Inventory(CiRepository cis, RelationshipRepository relationships, CiManagement management) {
        this.cis = cis;
        this.relationships = relationships;
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

    /** The ids of every CI carrying this tag. */
    @Transactional(readOnly = true)
    public Set<UUID> taggedWith(String tag) {
        return Set.copyOf(cis.idsWithTag(tag));
    }

    /**
     * The CIs that run on or are connected to this one, directly or through others (a VM on the
     * host, the application on that VM): what goes dark when it does. Without the CI itself.
     */
    @Transactional(readOnly = true)
    public Set<UUID> dependents(UUID ciId) {
        return carried(ciId, relationships.reachableEdges(ciId, true));
    }

    /**
     * The CIs this one runs on or is connected to, directly or through others: those whose
     * dependents it is. Without the CI itself.
     */
    @Transactional(readOnly = true)
    public Set<UUID> parents(UUID ciId) {
        return carried(ciId, relationships.reachableEdges(ciId, false));
    }

    /**
     * The CIs whose failure reaches this one over any relationship, directly or through others: what
     * it runs on, is connected to and depends on, and the parts it is made of (each type's
     * {@link RelationshipType#targetImpactsSource direction}). What correlation looks upstream along
     * for a root cause; wider than {@link #parents}, which only what carries the CI. Without the CI itself.
     */
    @Transactional(readOnly = true)
    public Set<UUID> upstream(UUID ciId) {
        var reached = relationships.reachableEdges(ciId, false).stream().map(ImpactEdge::to)
                .collect(Collectors.toCollection(HashSet::new));
        reached.remove(ciId);
        return Set.copyOf(reached);
    }

    /**
     * The business services hit when these CIs fail, as impact analysis finds them (a business
     * service among the CIs counts too): what an incident on them affects.
     */
    @Transactional(readOnly = true)
    public List<CiSummary> businessServicesImpactedBy(Collection<UUID> ciIds) {
        var reached = new HashSet<UUID>(ciIds);
        for (var ciId : ciIds) {
            relationships.reachableEdges(ciId, true).forEach(edge -> reached.add(edge.to()));
        }
        return findAll(reached).values().stream().filter(ci -> ci.ciClass() == CiClass.BUSINESS_SERVICE)
                .sorted(java.util.Comparator.comparing(CiSummary::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * The CIs reached from the root over carrying relationships only. The edges come from every
     * relationship type, so the walk here keeps to the carrying ones and skips what was reached
     * only through others.
     */
    private static Set<UUID> carried(UUID root, List<ImpactEdge> edges) {
        var outgoing = edges.stream().filter(e -> CARRYING.contains(e.type()))
                .collect(Collectors.groupingBy(ImpactEdge::from));
        var reached = new HashSet<UUID>();
        reached.add(root);
        var queue = new ArrayDeque<UUID>();
        queue.add(root);
        while (!queue.isEmpty()) {
            for (var edge : outgoing.getOrDefault(queue.poll(), List.of())) {
                if (reached.add(edge.to())) {
                    queue.add(edge.to());
                }
            }
        }
        reached.remove(root);
        return Set.copyOf(reached);
    }

    /** The CI of a class with this name (names are unique per class, whatever their case). */
    @Transactional(readOnly = true)
    public Optional<CiSummary> findByName(CiClass ciClass, String name) {
        return cis.findIdByClassAndName(ciClass, name.strip()).flatMap(this::find);
    }

    /**
     * The CI that has this address among its addresses, for events that name a machine by its IP
     * address. Addresses compare in canonical form: IPv6 as RFC 5952 writes it ({@code 2001:DB8:0:0::1}
     * finds {@code 2001:db8::1}), an IPv4-mapped IPv6 address as its IPv4 address, an IPv6 address in
     * brackets as without; a DNS name, which CIs list among their addresses too, ignoring case and a
     * trailing dot. When several CIs have the address, the preferred one is taken:
     * <ol>
     * <li>active before under maintenance, planned and retired;</li>
     * <li>then a server, virtual machine or network device before a CI of any other class (what runs
     * on a machine), as events name machines;</li>
     * <li>then the one changed most recently.</li>
     * </ol>
     * Empty when no CI has it, and for blank text or text that is no address.
     */
    @Transactional(readOnly = true)
    public Optional<CiSummary> findByAddress(String address) {
        return Addresses.lookupKey(address).flatMap(cis::findPreferredIdByAddress).flatMap(this::find);
    }

    /**
     * The CI an event means by this host name (as in Prometheus's {@code instance} label, without the
     * port): a CI named so, ignoring case, or with the name among its addresses (compared as
     * {@link #findByAddress} compares them). When no CI is, and the name is fully qualified
     * ({@code web-01.example.com}), a CI named or addressed by its first label ({@code web-01}); a
     * match of the whole name always wins over one of the first label. When several CIs match, the
     * preferred one is taken as {@link #findByAddress} prefers them. An IP address is looked up by
     * name and address alike, without the first-label step. Empty when nothing matches, and for blank
     * text or text that is neither a host name nor an IP address.
     */
    @Transactional(readOnly = true)
    public Optional<CiSummary> findByHostname(String hostname) {
        var key = Addresses.lookupKey(hostname);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        var found = cis.findPreferredIdByNameOrAddress(key.get());
        if (found.isEmpty() && Addresses.qualifiedHostName(key.get())) {
            found = cis.findPreferredIdByNameOrAddress(key.get().substring(0, key.get().indexOf('.')));
        }
        return found.flatMap(this::find);
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
