package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.stream.Collectors.toSet;

import io.opsline.alerting.AlertGroupResolved;
import io.opsline.alerting.AlertGroupsChanged;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.platform.Ids;

/**
 * Works out, in memory, what one batch's alerts do to their groups: given the groups the batch may
 * change (locked), each new alert joins a group or opens one, each changed member is counted anew,
 * and at the end every touched group gets its root cause, severity and status again. Alerts are
 * placed in the order given, so a batch places its alerts as the same alerts arriving one by one
 * would be.
 */
final class Placement {

    /** Which groups a batch changed and how, to be stored, and what to announce once stored. */
    record Outcome(List<WorkingGroup> created, List<WorkingGroup> changed, List<GroupMember> newMembers,
            List<MemberUpdate> changedMembers, List<CiAlert> newCis, List<GroupChange> timeline,
            List<Object> announcements) {
    }

    /**
     * What changed on a member's alert: its severity, or whether it is open ({@code resolvedAt} and
     * {@code resolvedBy} once not).
     */
    record MemberUpdate(UUID alertId, UUID groupId, Severity wasSeverity, boolean wasOpen, Severity severity,
            boolean open, Instant resolvedAt, String resolvedBy) {

        static MemberUpdate of(GroupMember member, Alert alert) {
            return new MemberUpdate(alert.id(), member.groupId(), member.severity(), member.open(), alert.severity(),
                    alert.status().isOpen(), alert.resolvedAt(), alert.resolvedBy());
        }
    }

    /** The latest resolve of a group's members: when, and who said so. */
    private record LastResolve(Instant at, String by) {
    }

    private final Map<UUID, RuleKey> keys;
    private final Function<UUID, Set<UUID>> ancestors;
    private final Duration topologyWindow;
    private final Instant now;
    private final Map<UUID, WorkingGroup> groups = new LinkedHashMap<>();
    private final Map<String, WorkingGroup> byKey = new HashMap<>();
    private final TopologyIndex<CiAlert> byCi;
    private final Map<UUID, List<CiAlert>> joinedWithoutCi = new HashMap<>();
    private final List<GroupMember> newMembers = new ArrayList<>();
    private final List<MemberUpdate> changedMembers = new ArrayList<>();
    private final List<CiAlert> newCis = new ArrayList<>();
    private final Map<UUID, LastResolve> lastResolved = new HashMap<>();
    private final List<GroupChange> timeline = new ArrayList<>();
    private final List<Object> announcements = new ArrayList<>();
    private final List<UUID> opened = new ArrayList<>();

    /**
     * @param keys the rule key of each alert a grouping rule matched, by alert id
     * @param ancestors the CIs a CI depends on, as far up as correlation looks
     * @param locked the groups this batch may change, locked, with their CIs
     */
    Placement(Map<UUID, RuleKey> keys, Function<UUID, Set<UUID>> ancestors, Duration topologyWindow, Instant now,
            Collection<WorkingGroup> locked) {
        this.keys = keys;
        this.ancestors = ancestors;
        this.topologyWindow = topologyWindow;
        this.now = now;
        this.byCi = new TopologyIndex<>(ancestors);
        for (var group : locked) {
            groups.put(group.id, group);
            if (group.openKey != null) {
                byKey.put(group.openKey, group);
            }
            group.cis.values().forEach(ci -> byCi.add(ci.ciId(), ci));
        }
    }

    /** An alert without a group: by its rule key, else by its CI's relations, else alone. */
    void place(Alert alert) {
        var key = keys.get(alert.id());
        if (key != null) {
            var open = byKey.get(key.openKey());
            if (open != null && open.takes(alert.firstSeen(), key.window())) {
                join(open, alert, "rule " + key.ruleName() + ": " + key.text());
                return;
            }
            if (open != null) {
                // Too long since its last alert: the key's next group takes over.
                byKey.remove(key.openKey());
                open.openKey = null;
                open.changed = true;
            }
            var group = open(alert, GroupReason.RULE, key, "rule " + key.ruleName() + ": " + key.text());
            group.openKey = key.openKey();
            byKey.put(key.openKey(), group);
            return;
        }
        if (alert.ciId() != null) {
            var related = relatedAlert(alert);
            if (related != null) {
                var group = groups.get(related.groupId());
                if (group.reason == GroupReason.ALONE) {
                    group.reason = GroupReason.TOPOLOGY;
                }
                join(group, alert, "topology: its CI is related to the CI of alert " + related.alertId());
                return;
            }
        }
        open(alert, GroupReason.ALONE, null, "opened the group");
    }

    /** An alert of an open group within the topology window on a related CI; of the most recent group. */
    private CiAlert relatedAlert(Alert alert) {
        CiAlert best = null;
        for (var candidate : byCi.relatedTo(alert.ciId())) {
            var group = groups.get(candidate.groupId());
            if (group.takes(alert.firstSeen(), topologyWindow) && (best == null
                    || group.lastAlertAt.isAfter(groups.get(best.groupId()).lastAlertAt))) {
                best = candidate;
            }
        }
        return best;
    }

    private void join(WorkingGroup group, Alert alert, String reason) {
        add(group, alert, reason, false);
        if (alert.firstSeen().isAfter(group.lastAlertAt)) {
            group.lastAlertAt = alert.firstSeen();
        }
        if (alert.firstSeen().isBefore(group.firstAlertAt)) {
            group.firstAlertAt = alert.firstSeen();
        }
    }

    private WorkingGroup open(Alert alert, GroupReason reason, RuleKey key, String why) {
        var group = new WorkingGroup(Ids.newId(), true, key == null ? null : key.ruleId(),
                key == null ? null : key.ruleName(), key == null ? null : key.text(), now, new int[4]);
        group.title = alert.summary();
        group.status = GroupStatus.OPEN;
        group.reason = reason;
        group.firstAlertAt = alert.firstSeen();
        group.lastAlertAt = alert.firstSeen();
        group.severity = alert.severity();
        group.root = new CiAlert(group.id, alert.ciId(), alert.id(), alert.firstSeen(), alert.summary());
        groups.put(group.id, group);
        add(group, alert, why, true);
        opened.add(group.id);
        return group;
    }

    /** A member, whose row is also its line in the group's timeline (see {@link GroupChange#membership}). */
    private void add(WorkingGroup group, Alert alert, String reason, boolean openedGroup) {
        newMembers.add(new GroupMember(alert.id(), group.id, alert.ciId(), alert.severity(), alert.status().isOpen(),
                alert.firstSeen(), alert.summary(), now, reason, openedGroup));
        group.memberCount++;
        if (alert.status().isOpen()) {
            group.open[alert.severity().ordinal()]++;
        }
        var here = new CiAlert(group.id, alert.ciId(), alert.id(), alert.firstSeen(), alert.summary());
        if (alert.ciId() == null) {
            joinedWithoutCi.computeIfAbsent(group.id, id -> new ArrayList<>()).add(here);
        } else if (!group.cis.containsKey(alert.ciId())) {
            group.cis.put(alert.ciId(), here);
            newCis.add(here);
            byCi.add(alert.ciId(), here);
        }
        if (group.joined == null || alert.firstSeen().isAfter(group.joined)) {
            group.joined = alert.firstSeen();
        }
        group.changed = true;
        noteResolved(group, alert.resolvedAt(), alert.resolvedBy());
    }

    /** A member's alert changed: its severity, or whether it is open. */
    void update(MemberUpdate update) {
        var group = groups.get(update.groupId());
        if (update.wasOpen()) {
            group.open[update.wasSeverity().ordinal()]--;
        }
        if (update.open()) {
            group.open[update.severity().ordinal()]++;
        }
        changedMembers.add(update);
        group.changed = true;
        noteResolved(group, update.resolvedAt(), update.resolvedBy());
    }

    private void noteResolved(WorkingGroup group, Instant resolvedAt, String resolvedBy) {
        if (resolvedAt != null) {
            lastResolved.merge(group.id, new LastResolve(resolvedAt, resolvedBy),
                    (a, b) -> a.at().isAfter(b.at()) ? a : b);
        }
    }

    Outcome finish() {
        var created = new ArrayList<WorkingGroup>();
        var changed = new ArrayList<WorkingGroup>();
        for (var group : groups.values()) {
            if (!group.changed) {
                continue;
            }
            if (group.joined != null) {
                chooseRootCause(group);
            }
            settle(group);
            (group.isNew ? created : changed).add(group);
        }
        var openedHere = Set.copyOf(opened);
        announcements.addAll(AlertGroupsChanged.of(opened, Stream.concat(created.stream(), changed.stream())
                .map(group -> group.id).filter(id -> !openedHere.contains(id)).collect(toSet())));
        return new Outcome(created, changed, newMembers, changedMembers, newCis, timeline, announcements);
    }

    private void chooseRootCause(WorkingGroup group) {
        var candidates = new ArrayList<>(group.cis.values());
        candidates.add(group.root);
        candidates.addAll(joinedWithoutCi.getOrDefault(group.id, List.of()));
        var root = RootCause.of(candidates, group.cis.keySet(), ancestors);
        if (root.alertId().equals(group.root.alertId())) {
            return;
        }
        timeline.add(GroupChange.of(group.id, group.joined, GroupChange.Kind.ROOT_CAUSE_CHANGED, root.alertId(),
                "root cause is now \"" + root.summary() + "\", no longer \"" + group.root.summary() + "\""));
        group.root = root;
        group.title = root.summary();
    }

    /** Severity and status from the open members' counts. */
    private void settle(WorkingGroup group) {
        for (var severity : Severity.values()) {
            if (group.open[severity.ordinal()] > 0) {
                group.severity = severity;
                break;
            }
        }
        if (group.status == GroupStatus.OPEN && group.openCount() == 0) {
            group.status = GroupStatus.RESOLVED;
            var last = lastResolved.getOrDefault(group.id, new LastResolve(now, null));
            group.resolvedAt = last.at();
            group.openKey = null;
            announcements.add(new AlertGroupResolved(group.id, last.by(), group.resolvedAt));
        }
    }
}
