package io.opsline.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one transaction did to alert groups: the intake's batch of thousands of events, or one
 * person's action. Published a few times per transaction however many alerts it touched, so that a
 * module following groups durably stores a few event publications per batch rather than several per
 * alert; {@link GroupedAlerts} tells what the groups are now.
 *
 * @param opened groups opened: alerts that joined no open group
 * @param changed groups opened earlier whose alerts joined, changed severity, fired, were suppressed
 *        or resolved, including groups that are resolved now
 */
public record AlertGroupsChanged(Set<UUID> opened, Set<UUID> changed) {

    /**
     * The most groups one event names, so that an intake batch is mostly one event. A listener's
     * event is stored as JSON in a column that holds 4,000 characters on H2; an id takes 39 of them
     * (36, its quotes and a comma), so this many take 3,900, with room for the two names.
     */
    static final int MAX_GROUPS = 100;

    public AlertGroupsChanged {
        opened = Set.copyOf(opened);
        changed = Set.copyOf(changed);
    }

    /** The events that say so, each naming at most {@value #MAX_GROUPS} groups; none when nothing changed. */
    public static List<AlertGroupsChanged> of(Collection<UUID> opened, Collection<UUID> changed) {
        var events = new ArrayList<AlertGroupsChanged>();
        var ids = new ArrayList<UUID>(opened);
        ids.addAll(changed);
        for (var from = 0; from < ids.size(); from += MAX_GROUPS) {
            var to = Math.min(ids.size(), from + MAX_GROUPS);
            var openedHere = ids.subList(from, Math.min(to, Math.max(from, opened.size())));
            var changedHere = ids.subList(Math.max(from, Math.min(to, opened.size())), to);
            events.add(new AlertGroupsChanged(Set.copyOf(openedHere), Set.copyOf(changedHere)));
        }
        return events;
    }
}
