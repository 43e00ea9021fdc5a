package io.opsline.alerting.internal.correlate;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The most likely root cause among a group's alerts: the one on the most upstream CI, the CI most
 * other members' CIs depend on; among equals the one first seen (then the lowest id, so that every
 * node picks the same). A group without topology thus has its first alert as root cause.
 */
final class RootCause {

    private RootCause() {
    }

    static GroupMember of(Collection<GroupMember> members, Function<UUID, Set<UUID>> ancestors) {
        var below = new HashMap<UUID, Integer>();
        for (var member : members) {
            if (member.ciId() != null) {
                for (var ancestor : ancestors.apply(member.ciId())) {
                    below.merge(ancestor, 1, Integer::sum);
                }
            }
        }
        Comparator<GroupMember> mostUpstream = Comparator.comparingInt(
                (GroupMember m) -> m.ciId() == null ? 0 : below.getOrDefault(m.ciId(), 0)).reversed();
        return members.stream().min(mostUpstream.thenComparing(GroupMember::firstSeen)
                .thenComparing(GroupMember::alertId)).orElseThrow();
    }
}
