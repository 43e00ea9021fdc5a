package io.opsline.alerting;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroup;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.correlate.GroupMember;

/** Read-only: alert groups and the alerts in them, for the modules that act on groups (the service desk). */
@Service
public class GroupedAlerts {

    private final AlertGroups groups;
    private final Alerts alerts;

    GroupedAlerts(AlertGroups groups, Alerts alerts) {
        this.groups = groups;
        this.alerts = alerts;
    }

    public Optional<AlertGroupSummary> group(UUID groupId) {
        return groups.find(groupId).map(GroupedAlerts::summary);
    }

    /** The groups with these ids that exist, in no particular order. */
    public List<AlertGroupSummary> groups(Collection<UUID> groupIds) {
        return groups.findAll(groupIds).stream().map(GroupedAlerts::summary).toList();
    }

    private static AlertGroupSummary summary(AlertGroup group) {
        return new AlertGroupSummary(group.id(), group.title(), group.severity(), group.rootAlertId(),
                group.firstAlertAt(), group.status() == GroupStatus.RESOLVED ? group.resolvedAt() : null);
    }

    /** The group's alerts as they are now, oldest first; empty for an unknown group. */
    public List<GroupedAlert> members(UUID groupId) {
        if (groups.find(groupId).isEmpty()) {
            return List.of();
        }
        var members = groups.get(groupId).members();
        var byId = new HashMap<UUID, Alert>();
        alerts.findAll(members.stream().map(GroupMember::alertId).toList()).forEach(a -> byId.put(a.id(), a));
        return members.stream().filter(m -> byId.containsKey(m.alertId())).map(m -> {
            var alert = byId.get(m.alertId());
            return new GroupedAlert(alert.id(), groupId, alert.ciId(), alert.severity(), alert.status(),
                    alert.summary(), alert.firstSeen(), alert.resolvedAt());
        }).sorted(Comparator.comparing(GroupedAlert::firedAt).thenComparing(GroupedAlert::alertId)).toList();
    }

    /** The group an alert belongs to; empty for an unknown alert or one not placed in a group. */
    public Optional<UUID> groupOf(UUID alertId) {
        return groups.groupOf(alertId);
    }
}
