package io.opsline.alerting.internal.correlate;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The most likely root cause among a group's alerts: the one on the most upstream CI, the CI most
 * of the group's other CIs depend on; among equals the one first seen (then the lowest id, so that
 * every node picks the same). A group without topology thus has its first alert as root cause.
 */
final class RootCause {

    private RootCause() {
    }

    /**
     * @param candidates the current root cause, the first alert on each of the group's CIs, and the
     *        alerts on no CI that joined now
     * @param groupCis every CI the group has an alert on
     */
    static CiAlert of(Collection<CiAlert> candidates, Collection<UUID> groupCis,
            Function<UUID, Set<UUID>> ancestors) {
        var below = new HashMap<UUID, Integer>();
        for (var ciId : groupCis) {
            for (var ancestor : ancestors.apply(ciId)) {
                below.merge(ancestor, 1, Integer::sum);
            }
        }
        Comparator<CiAlert> mostUpstream = Comparator.comparingInt(
                (CiAlert c) -> c.ciId() == null ? 0 : below.getOrDefault(c.ciId(), 0)).reversed();
        return candidates.stream().min(mostUpstream.thenComparing(CiAlert::firstSeen)
                .thenComparing(CiAlert::alertId)).orElseThrow();
    }
}
