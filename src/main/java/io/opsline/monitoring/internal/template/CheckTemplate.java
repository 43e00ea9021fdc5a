package io.opsline.monitoring.internal.template;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.CiSummary;
import io.opsline.monitoring.internal.CheckSettings;

/**
 * A stored check template: the check in {@code check} belongs on every CI of {@code ciClass} that
 * carries all of {@code tags} (lower case, sorted; none means every CI of the class) and whose
 * status is one of {@code statuses}.
 */
record CheckTemplate(UUID id, CiClass ciClass, List<String> tags, List<CiStatus> statuses, CheckSettings check,
        Instant createdAt, Instant updatedAt, long version) {

    /**
     * The order templates are applied in: oldest first. When two would give a CI checks of one
     * name, the first applied keeps the name and the other skips that CI, so on a fresh CI the
     * older template wins.
     */
    static final Comparator<CheckTemplate> ORDER = Comparator.comparing(CheckTemplate::createdAt)
            .thenComparing(CheckTemplate::id);

    boolean matches(CiSummary ci) {
        return ci.ciClass() == ciClass && statuses.contains(ci.status()) && ci.tags().containsAll(tags);
    }

    /** How audit entries and logs name the template: {@code 'ping' (active servers tagged linux)}. */
    String describe() {
        var which = statuses.stream().map(CiStatus::key).collect(Collectors.joining("/")) + " "
                + ciClass.key().replace('_', ' ');
        return "'%s' (%s%s)".formatted(check.name(), which, tags.isEmpty() ? "" : " tagged " + String.join(", ", tags));
    }
}
