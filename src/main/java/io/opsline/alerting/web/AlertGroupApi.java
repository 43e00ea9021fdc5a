package io.opsline.alerting.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.correlate.AlertGroup;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.alerting.internal.correlate.AlertGroupView;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.correlate.GroupChange;
import io.opsline.alerting.internal.correlate.GroupFilter;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Alert groups over REST: the problems, each with its alerts (root cause first) and its timeline. */
@RestController
@RequiresRole(Role.VIEWER)
class AlertGroupApi {

    private final AlertGroups groups;

    AlertGroupApi(AlertGroups groups) {
        this.groups = groups;
    }

    /** Groups, open before resolved, the most recently alerting first; filtered by {@code status} and {@code severity}. */
    @GetMapping("/api/v1/alert-groups")
    Page<AlertGroup> list(@RequestParam(required = false) Set<GroupStatus> status,
            @RequestParam(required = false) Set<Severity> severity, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return groups.list(new GroupFilter(status, severity), PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/alert-groups/{id}")
    AlertGroupView get(@PathVariable UUID id) {
        return groups.get(id);
    }

    /** What happened to the group, oldest first. */
    @GetMapping("/api/v1/alert-groups/{id}/timeline")
    List<GroupChange> timeline(@PathVariable UUID id) {
        return groups.timeline(id);
    }
}
