package io.opsline.alerting.internal.correlate;

import java.util.Set;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;

/** Which groups a list shows; an empty set means any. */
public record GroupFilter(Set<GroupStatus> statuses, Set<Severity> severities) {

    public GroupFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }
}
