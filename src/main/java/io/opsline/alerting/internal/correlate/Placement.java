package io.opsline.alerting.internal.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.opsline.alerting.AlertGroupOpened;
import io.opsline.alerting.AlertGroupResolved;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupReason;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.platform.Ids;

/**
 * Works out, in memory, what one batch's alerts do to their groups: given the groups the batch may
 * change (locked, with all their members), each new alert joins a group or opens one, each changed
 * member is brought up to date, and at the end every touched group gets its root cause, severity
 * and status again. Alerts are placed in the order given, so a batch places its alerts exactly as
 * the same alerts arriving one by one would be.
 */
final class Placement {

    /** Which groups a batch changed and how, to be stored, and what to announce once stored. */
    record Outcome(List<WorkingGroup> created, List<WorkingGroup> changed, List<GroupMember> newMembers,
            List<GroupMember> changedMembers, List<GroupChange> timeline, List<Object> announcements) {
    }

    /** What changed on a member's alert; {@code resolvedAt} null while it is open. */
    record MemberUpdate(UUID alertId, Severity severity, boolean open, Instant resolvedAt) {

        static MemberUpdate of(Alert alert) {
            return new MemberUpdate(alert.id(), alert.severity(), alert.status().isOpen(), alert.resolvedAt());
        }
    }

    private final Map<UUID, RuleKey> keys;
    private final Function<UUID, Set<UUID>> ancestors;
    private final Duration topologyWindow;
    private final Instant now;
    private final Map<UUID, WorkingGroup> groups = new LinkedHashMap<>();
    private final Map<String, WorkingGroup> byKey = new HashMap<>();
    private final Map<UUID, WorkingGroup> groupOfAlert = new HashMap<>();
    private final TopologyIndex<GroupMember> byCi;
    private final Map<UUID, GroupMember> newMembers = new LinkedHashMap<>();
    private final Map<UUID, GroupMember> changedMembers = new LinkedHashMap<>();
    private final Map<UUID, Instant> lastResolved = new HashMap<>();
    private final List<GroupChange> timeline = new ArrayList<>();
    private final List<Object> announcements = new ArrayList<>();

    /**
     * @param keys the rule key of each alert a grouping rule matched, by alert id
     * @param ancestors the CIs a CI depends on, as far up as correlation looks
     * @param locked the groups this batch may change, locked, with all their members
     */
    Placement(Map<UUID, RuleKey> keys, Function<UUID, Set<UUID>> ancestors, Duration topologyWindow, Instant now,
            Collection<WorkingGroup> locked) {
        this.keys = keys;
        this.ancestors = ancestors;
        this.topologyWindow = topologyWindow;
        this.now = now;
        this.byCi = new TopologyIndex<>(ancestors);
        locked.forEach(this::track);
    }

    private void track(WorkingGroup group) {
        groups.put(group.id, group);
        if (group.openKey != null) {
            byKey.put(group.openKey, group);
        }
        group.members.values().forEach(member -> remember(group, member));
    }

    private void remember(WorkingGroup group, GroupMember member) {
        groupOfAlert.put(member.alertId(), group);
        if (member.ciId() != null) {
            byCi.add(member.ciId(), member);
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
            var related = relatedMember(alert);
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

    /** A member of an open group within the topology window on a related CI; of the most recent group. */
    private GroupMember relatedMember(Alert alert) {
        GroupMember best = null;
        for (var member : byCi.relatedTo(alert.ciId())) {
            var group = groups.get(member.groupId());
            if (group.takes(alert.firstSeen(), topologyWindow) && (best == null
                    || group.lastAlertAt.isAfter(groups.get(best.groupId()).lastAlertAt))) {
                best = member;
            }
        }
        return best;
    }

    private void join(WorkingGroup group, Alert alert, String reason) {
        add(group, alert, reason);
        timeline.add(GroupChange.of(group.id, alert.firstSeen(), GroupChange.Kind.ALERT_JOINED, alert.id(), reason));
        if (alert.firstSeen().isAfter(group.lastAlertAt)) {
            group.lastAlertAt = alert.firstSeen();
        }
        if (alert.firstSeen().isBefore(group.firstAlertAt)) {
            group.firstAlertAt = alert.firstSeen();
        }
    }

    private WorkingGroup open(Alert alert, GroupReason reason, RuleKey key, String why) {
        var group = new WorkingGroup(Ids.newId(), true, key == null ? null : key.ruleId(),
                key == null ? null : key.ruleName(), key == null ? null : key.text(), now);
        group.title = alert.summary();
        group.status = GroupStatus.OPEN;
        group.reason = reason;
        group.firstAlertAt = alert.firstSeen();
        group.lastAlertAt = alert.firstSeen();
        group.severity = alert.severity();
        group.rootAlertId = alert.id();
        groups.put(group.id, group);
        add(group, alert, why);
        timeline.add(GroupChange.of(group.id, alert.firstSeen(), GroupChange.Kind.OPENED, alert.id(), why));
        announcements.add(new AlertGroupOpened(group.id, alert.id(), alert.severity(), alert.summary(),
                alert.firstSeen()));
        return group;
    }

    private void add(WorkingGroup group, Alert alert, String reason) {
        var member = new GroupMember(alert.id(), group.id, alert.ciId(), alert.severity(), alert.status().isOpen(),
                alert.firstSeen(), alert.summary(), now, reason);
        group.members.put(alert.id(), member);
        if (group.joined == null || alert.firstSeen().isAfter(group.joined)) {
            group.joined = alert.firstSeen();
        }
        group.changed = true;
        newMembers.put(alert.id(), member);
        remember(group, member);
        noteResolved(group, alert.resolvedAt());
    }

    /** A member's alert changed: its severity, or whether it is open. */
    void update(MemberUpdate update) {
        var group = groupOfAlert.get(update.alertId());
        var member = group.members.get(update.alertId()).changed(update.severity(), update.open());
        group.members.put(update.alertId(), member);
        group.changed = true;
        if (newMembers.containsKey(update.alertId())) {
            newMembers.put(update.alertId(), member);
        } else {
            changedMembers.put(update.alertId(), member);
        }
        noteResolved(group, update.resolvedAt());
    }

    private void noteResolved(WorkingGroup group, Instant resolvedAt) {
        if (resolvedAt != null) {
            lastResolved.merge(group.id, resolvedAt, (a, b) -> a.isAfter(b) ? a : b);
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
        return new Outcome(created, changed, List.copyOf(newMembers.values()), List.copyOf(changedMembers.values()),
                timeline, announcements);
    }

    private void chooseRootCause(WorkingGroup group) {
        var root = RootCause.of(group.members.values(), ancestors);
        if (root.alertId().equals(group.rootAlertId)) {
            return;
        }
        var before = group.members.get(group.rootAlertId);
        timeline.add(GroupChange.of(group.id, group.joined, GroupChange.Kind.ROOT_CAUSE_CHANGED, root.alertId(),
                "root cause is now \"" + root.summary() + "\"" + (before == null ? ""
                        : ", no longer \"" + before.summary() + "\"")));
        group.rootAlertId = root.alertId();
        group.title = root.summary();
    }

    /** Severity and status from the members as they are now. */
    private void settle(WorkingGroup group) {
        group.members.values().stream().filter(GroupMember::open).map(GroupMember::severity)
                .min(Comparator.naturalOrder()).ifPresent(worst -> group.severity = worst);
        if (group.status == GroupStatus.OPEN && group.openCount() == 0) {
            group.status = GroupStatus.RESOLVED;
            group.resolvedAt = lastResolved.getOrDefault(group.id, now);
            group.openKey = null;
            timeline.add(GroupChange.of(group.id, group.resolvedAt, GroupChange.Kind.RESOLVED, null,
                    "every alert is resolved"));
            announcements.add(new AlertGroupResolved(group.id, group.resolvedAt));
        }
    }
}
