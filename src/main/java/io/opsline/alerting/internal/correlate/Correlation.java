package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertGroupsChanged;
import io.opsline.alerting.AlertResolved;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.correlate.Placement.MemberUpdate;
import io.opsline.platform.Jdbc;
import io.opsline.platform.TransactionScope;

/**
 * Puts alerts into alert groups, in the intake's own transaction, once per batch: a few set-based
 * queries per batch rather than per alert, as the intake stores tens of thousands of events a second.
 * The groups a batch may change are locked in id order first; a rule group is kept unique per key by
 * the database, so two nodes opening one key at once make the second's batch fail with a
 * {@link org.springframework.dao.DuplicateKeyException}, and the intake applies it again.
 */
@Component
public class Correlation {

    private final AlertGroupRepository groups;
    private final GroupingRuleRepository rules;
    private final Topology topology;
    private final ApplicationEventPublisher events;
    private final Duration topologyWindow;

    Correlation(AlertGroupRepository groups, GroupingRuleRepository rules, Topology topology,
            ApplicationEventPublisher events, AlertingProperties properties) {
        this.groups = groups;
        this.rules = rules;
        this.topology = topology;
        this.events = events;
        this.topologyWindow = properties.topologyWindow();
    }

    /**
     * Places the alerts a batch opened into groups and brings the groups of the alerts it changed up
     * to date (severity, resolution); publishes one {@link AlertGroupsChanged} for the batch and an
     * {@link io.opsline.alerting.AlertGroupResolved} per group resolved. Runs in the caller's transaction.
     *
     * @param opened alerts the batch created, as they are at its end (some may be resolved already)
     * @param changed alerts the batch changed; an open one without a group (older than correlation) is placed
     * @return the groups the batch opened that are still open, each with the id of its root-cause alert
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, UUID> place(Collection<Alert> opened, Collection<Alert> changed) {
        if (opened.isEmpty() && changed.isEmpty()) {
            return Map.of();
        }
        noteResolvedHere(opened);
        noteResolvedHere(changed);
        var memberships = changed.isEmpty() ? Map.<UUID, GroupMember>of()
                : groups.membershipsOf(changed.stream().map(Alert::id).toList());
        var toPlace = new ArrayList<>(opened);
        var updates = new ArrayList<MemberUpdate>();
        var lock = new TreeSet<UUID>();
        for (var alert : changed) {
            var member = memberships.get(alert.id());
            if (member == null) {
                if (alert.status().isOpen()) {
                    toPlace.add(alert);
                }
            } else if (member.open() != alert.status().isOpen() || member.severity() != alert.severity()) {
                updates.add(MemberUpdate.of(member, alert));
                lock.add(member.groupId());
            }
        }
        if (toPlace.isEmpty() && updates.isEmpty()) {
            return Map.of();
        }
        var keys = new HashMap<UUID, RuleKey>();
        if (!toPlace.isEmpty()) {
            var compiled = rules.findAll().stream().map(CompiledRule::new).toList();
            for (var alert : toPlace) {
                compiled.stream().flatMap(rule -> rule.keyOf(alert).stream()).findFirst()
                        .ifPresent(key -> keys.put(alert.id(), key));
            }
            lock.addAll(groups.idsByOpenKey(keys.values().stream().map(RuleKey::openKey).distinct().toList()));
            lock.addAll(relatedOpenGroups(toPlace.stream()
                    .filter(alert -> alert.ciId() != null && !keys.containsKey(alert.id())).toList()));
        }
        return apply(lock, keys, toPlace, updates);
    }

    /**
     * Announces that these alerts changed in a way their groups do not count (suppressed, or firing
     * once a silence ends), for the modules that show a group's alerts.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void announceChanged(Collection<UUID> alertIds) {
        if (alertIds.isEmpty()) {
            return;
        }
        var changed = new HashSet<UUID>();
        groups.membershipsOf(List.copyOf(alertIds)).values().forEach(member -> changed.add(member.groupId()));
        AlertGroupsChanged.of(List.of(), changed).forEach(events::publishEvent);
    }

    /**
     * An alert a person resolved (not the intake, whose batches come through {@link #place}): its
     * group may be resolved now.
     */
    @EventListener
    void on(AlertResolved resolved) {
        if (resolvedHere().contains(resolved.alertId())) {
            return;
        }
        var member = groups.membershipsOf(List.of(resolved.alertId())).get(resolved.alertId());
        if (member != null && member.open()) {
            apply(new TreeSet<>(Set.of(member.groupId())), Map.of(), List.of(),
                    List.of(new MemberUpdate(member.alertId(), member.groupId(), member.severity(), true,
                            member.severity(), false, resolved.at(), resolved.by())));
        }
    }

    /** Places and updates as said, stores it; returns the groups opened and still open, with their root-cause alerts. */
    private Map<UUID, UUID> apply(SortedSet<UUID> lock, Map<UUID, RuleKey> keys, List<Alert> toPlace,
            List<MemberUpdate> updates) {
        var placement = new Placement(keys, topology::ancestors, topologyWindow, Jdbc.now(), groups.lock(lock));
        toPlace.forEach(placement::place);
        updates.forEach(placement::update);
        var outcome = placement.finish();
        groups.store(outcome);
        outcome.announcements().forEach(events::publishEvent);
        var stillOpen = new LinkedHashMap<UUID, UUID>();
        outcome.created().stream().filter(group -> group.status == AlertGroup.GroupStatus.OPEN)
                .forEach(group -> stillOpen.put(group.id, group.root.alertId()));
        return stillOpen;
    }

    /**
     * The open groups the topology may join these alerts to, read without locking: those with an
     * alert on a related CI within the window. Only these are locked, not every open group.
     */
    private List<UUID> relatedOpenGroups(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        var earliest = alerts.stream().map(Alert::firstSeen).min(Instant::compareTo).orElseThrow();
        var index = new TopologyIndex<AlertGroupRepository.OpenGroupCi>(topology::ancestors);
        groups.openGroupCis(earliest.minus(topologyWindow)).forEach(open -> index.add(open.ciId(), open));
        var related = new ArrayList<UUID>();
        for (var alert : alerts) {
            for (var open : index.relatedTo(alert.ciId())) {
                if (WorkingGroup.within(alert.firstSeen(), open.firstAlertAt(), open.lastAlertAt(), topologyWindow)) {
                    related.add(open.groupId());
                }
            }
        }
        return related;
    }

    /**
     * Remembers, for this transaction, the alerts {@link #place} saw resolved, so that the
     * {@link AlertResolved} the intake publishes for them costs no query here.
     */
    private void noteResolvedHere(Collection<Alert> alerts) {
        for (var alert : alerts) {
            if (alert.status() == AlertStatus.RESOLVED) {
                resolvedHere().add(alert.id());
            }
        }
    }

    private Set<UUID> resolvedHere() {
        return TransactionScope.get(this, HashSet::new);
    }
}
