package io.opsline.alerting.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.correlate.AlertGroup.GroupStatus;
import io.opsline.alerting.internal.correlate.GroupFilter;
import io.opsline.platform.PagerLinks;
import io.opsline.platform.Violations;

/**
 * The alert group list's filters as query parameters: {@code status} (empty: the open groups;
 * {@code resolved} or {@code all}) and {@code severity}.
 */
public record GroupListFilter(String status, String severity) {

    private static final String RESOLVED = "resolved";
    private static final String ALL = "all";

    static GroupListFilter none() {
        return new GroupListFilter(null, null);
    }

    public boolean showsOpenOnly() {
        return status == null || status.isBlank();
    }

    public boolean isEmpty() {
        return PagerLinks.query(pairs()).isEmpty();
    }

    /** The list's address with these filters, ready for {@code page=N}. */
    public String pagerBase() {
        return PagerLinks.base("/alerts/groups", pairs());
    }

    /** The filters as the repository reads them; a violation per filter that means nothing. */
    GroupFilter toGroupFilter() {
        var v = new Violations();
        Set<GroupStatus> statuses = Set.of(GroupStatus.OPEN);
        if (!showsOpenOnly()) {
            statuses = switch (status.strip().toLowerCase(Locale.ROOT)) {
                case RESOLVED -> Set.of(GroupStatus.RESOLVED);
                case ALL -> Set.of();
                default -> {
                    v.add("status", "unknown value '%s', use resolved or all".formatted(status.strip()));
                    yield Set.of(GroupStatus.OPEN);
                }
            };
        }
        Set<Severity> severities = Set.of();
        if (severity != null && !severity.isBlank()) {
            try {
                severities = Set.of(Severity.valueOf(severity.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                v.add("severity", "unknown value '%s'".formatted(severity.strip()));
            }
        }
        v.throwIfAny("Invalid filter");
        return new GroupFilter(statuses, severities);
    }

    static Map<String, String> statusOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put("", "Open");
        options.put(RESOLVED, "Resolved");
        options.put(ALL, "All");
        return options;
    }

    private String[] pairs() {
        return new String[] {"status", status, "severity", severity};
    }
}
