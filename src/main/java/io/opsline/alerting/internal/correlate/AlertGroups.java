package io.opsline.alerting.internal.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Alert groups as people and the modules acting on them (escalation, the console) read them. */
@Service
public class AlertGroups {

    private final AlertGroupRepository groups;

    AlertGroups(AlertGroupRepository groups) {
        this.groups = groups;
    }

    public Optional<AlertGroup> find(UUID groupId) {
        return groups.find(groupId);
    }

    /** The group an alert belongs to; empty for an unknown alert. */
    public List<AlertGroup> findAll(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : groups.findAll(ids);
    }

    public Optional<UUID> groupOf(UUID alertId) {
        return groups.groupOf(alertId);
    }

    /** Groups, open before resolved, the most recently alerting first. */
    public Page<AlertGroup> list(GroupFilter filter, PageRequest page) {
        return groups.page(filter, page);
    }

    /** Groups, open before resolved, the worst first, then the most recently begun: the order people work them in. */
    public Page<AlertGroup> listWorstFirst(GroupFilter filter, PageRequest page) {
        return groups.pageWorstFirst(filter, page);
    }

    /** A group with its members, the root cause first, then by when they were first seen. */
    public AlertGroupView get(UUID groupId) {
        var group = find(groupId).orElseThrow(() -> notFound(groupId));
        var members = new ArrayList<GroupMember>();
        for (var member : groups.members(groupId)) {
            if (member.alertId().equals(group.rootAlertId())) {
                members.addFirst(member);
            } else {
                members.add(member);
            }
        }
        return new AlertGroupView(group, members);
    }

    /** What happened to the group, oldest first. */
    public List<GroupChange> timeline(UUID groupId) {
        return groups.history(find(groupId).orElseThrow(() -> notFound(groupId)));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Alert group", id);
    }
}
