package io.opsline.alerting.internal.escalate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertGroupResolved;
import io.opsline.alerting.internal.notify.MessageKind;
import io.opsline.alerting.internal.notify.Notifications;

import io.opsline.platform.TransactionScope;

/**
 * Tells the targets paged about an alert group when it is acknowledged (none of its alerts fires
 * any more and one at least is acknowledged: when its paging stops) and when it is resolved, as
 * Alertmanager's {@code send_resolved} does (see {@link Notifications#followUp}). A group nobody was
 * paged about (unrouted, suppressed, over before its first step) tells nobody.
 *
 * <p>The follow-ups are queued just before the transaction that acknowledged or resolved commits:
 * they are sent only if that is stored, and a batch of the intake acknowledging thousands of alerts
 * finds their groups in a few queries rather than one per alert. The group's escalation row is
 * locked meanwhile, which puts this after an escalation step paging someone new at the same moment
 * (who is then told too) and after another transaction acknowledging the group's other alerts
 * (whose acknowledgements are then seen). Each target is told of each once: the follow-ups' keys
 * are unique.
 */
@Component
class FollowUps {

    private final EscalationRunRepository escalations;
    private final Notifications notifications;

    FollowUps(EscalationRunRepository escalations, Notifications notifications) {
        this.escalations = escalations;
        this.notifications = notifications;
    }

    /** What a transaction acknowledged and which groups it resolved, in the order it did. */
    private final class Seen implements TransactionSynchronization {
        final Map<UUID, AlertAcknowledged> acknowledged = new LinkedHashMap<>();
        final Map<UUID, AlertGroupResolved> groupsResolved = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            followUp(this);
        }
    }

    @EventListener
    void on(AlertAcknowledged acknowledged) {
        seen().acknowledged.put(acknowledged.alertId(), acknowledged);
    }

    @EventListener
    void on(AlertGroupResolved resolved) {
        seen().groupsResolved.put(resolved.groupId(), resolved);
    }

    private void followUp(Seen seen) {
        var acknowledgedIn = seen.acknowledged.isEmpty() ? Map.<UUID, UUID>of()
                : escalations.pagedGroupsOf(seen.acknowledged.keySet());
        var candidates = new TreeSet<>(seen.groupsResolved.keySet());
        candidates.addAll(acknowledgedIn.values());
        if (candidates.isEmpty()) {
            return;
        }
        for (var groupId : escalations.lockPaged(candidates)) {
            var resolved = seen.groupsResolved.get(groupId);
            if (resolved != null) {
                notifications.followUp(groupId.toString(), MessageKind.RESOLVED, resolved.by(), resolved.at());
            } else if (acknowledgedNow(groupId)) {
                var acknowledged = lastIn(groupId, seen.acknowledged, acknowledgedIn).orElseThrow();
                notifications.followUp(groupId.toString(), MessageKind.ACKNOWLEDGED, acknowledged.by(),
                        acknowledged.at());
            }
        }
    }

    /** Whether the group is acknowledged as its escalation counts it: open, none firing, one acknowledged. */
    private boolean acknowledgedNow(UUID groupId) {
        return escalations.groupState(groupId)
                .filter(state -> state.open() && state.firing() == 0 && state.acknowledged() > 0).isPresent();
    }

    /** The latest of these acknowledgements (by alert, in order) of an alert of the group. */
    private static Optional<AlertAcknowledged> lastIn(UUID groupId, Map<UUID, AlertAcknowledged> events,
            Map<UUID, UUID> groupOf) {
        AlertAcknowledged last = null;
        for (var event : events.entrySet()) {
            if (groupId.equals(groupOf.get(event.getKey()))) {
                last = event.getValue();
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * What this transaction has acknowledged and resolved so far; looked at just before it commits.
     * Every publisher of these events publishes inside a transaction.
     */
    private Seen seen() {
        return TransactionScope.get(this, Seen::new);
    }
}
