package io.opsline.alerting.internal.escalate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.internal.notify.MessageKind;
import io.opsline.alerting.internal.notify.NotificationMessage;
import io.opsline.alerting.internal.notify.NotificationRequest;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.oncall.EscalationPolicy;
import io.opsline.alerting.internal.oncall.OnCall;
import io.opsline.alerting.internal.routing.RoutableAlert;
import io.opsline.alerting.internal.routing.Routing;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Ids;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.SecretTokens;
import io.opsline.platform.Secrets;
import io.opsline.platform.Sha256;

/**
 * Pages people about alert groups: routes each group as it opens to its escalation policy, notifies a
 * level, waits for an acknowledgement, notifies the next, and starts over as often as the policy
 * says. Every step happens inside the transaction that holds its escalation's row, together with
 * queueing its notifications, so each step is taken once, whichever node takes it.
 */
@Service
public class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final String ACK_PREFIX = "opa_";
    /** How soon a group whose alerts are all suppressed is looked at again. */
    private static final Duration SUPPRESSED_RECHECK = Duration.ofSeconds(15);

    private final EscalationRunRepository escalations;
    private final Routing routing;
    private final EscalationPolicies policies;
    private final OnCall onCall;
    private final People people;
    private final Notifications notifications;
    private final Channels channels;
    private final Alerts alerts;
    private final Inventory inventory;
    private final Secrets secrets;
    private final URI publicUrl;

    Escalations(EscalationRunRepository escalations, Routing routing, EscalationPolicies policies, OnCall onCall,
            People people, Notifications notifications, Channels channels, Alerts alerts, Inventory inventory, Secrets secrets,
            AlertingProperties properties) {
        this.escalations = escalations;
        this.routing = routing;
        this.policies = policies;
        this.onCall = onCall;
        this.people = people;
        this.notifications = notifications;
        this.channels = channels;
        this.alerts = alerts;
        this.inventory = inventory;
        this.secrets = secrets;
        this.publicUrl = properties.publicUrl();
    }

    /**
     * Routes groups as they are opened, in the transaction that opens them (the intake's), so that
     * no open group is ever without its routing decision and a page waits for nothing: each gets an
     * escalation by the policy of the first routing rule its root-cause alert matches, or one
     * recording that nobody is paged.
     *
     * @param roots the root-cause alert of each group opened, by group id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void start(Map<UUID, Alert> roots) {
        if (roots.isEmpty()) {
            return;
        }
        var groups = new ArrayList<EscalationRunRepository.NewGroup>(roots.size());
        roots.forEach((groupId, root) -> groups.add(new EscalationRunRepository.NewGroup(groupId, root.source(),
                root.severity(), root.labels(), root.ciId())));
        route(groups);
    }

    /**
     * Routes open groups that have no escalation: those opened before groups were routed as they
     * opened, which waited in a routing queue. Two nodes doing so at once record one escalation
     * each group (see {@link EscalationRunRepository#insertAll}).
     *
     * @return how many groups were routed; fewer than {@code limit} when none are left
     */
    @Transactional
    public int startNeverRouted(int limit) {
        var groups = escalations.openGroupsNeverRouted(limit);
        route(groups);
        return groups.size();
    }

    private void route(List<EscalationRunRepository.NewGroup> groups) {
        var now = Instant.now();
        var cis = inventory.findAll(groups.stream().map(EscalationRunRepository.NewGroup::ciId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        var started = new ArrayList<EscalationRunRepository.NewEscalation>(groups.size());
        for (var group : groups) {
            var alert = new RoutableAlert(group.source(), group.severity(), group.labels(),
                    group.ciId() == null ? null : cis.get(group.ciId()));
            var route = routing.route(alert, now);
            var escalation = route.isPresent()
                    ? new Escalation(Ids.newId(), group.id(), route.get().policyId(), route.get().ruleName(),
                            EscalationStatus.ACTIVE, 0, 0, now, 0, now, null, null)
                    : new Escalation(Ids.newId(), group.id(), null, null, EscalationStatus.UNROUTED, 0, 0, null, 0, now,
                            now, "no routing rule matched");
            started.add(route.isPresent() ? withAckToken(escalation)
                    : new EscalationRunRepository.NewEscalation(escalation, null, null));
        }
        escalations.insertAll(started);
    }

    /** An escalation that will page people, with the token of the acknowledge link its messages carry. */
    private EscalationRunRepository.NewEscalation withAckToken(Escalation escalation) {
        var token = SecretTokens.generate(ACK_PREFIX);
        return new EscalationRunRepository.NewEscalation(escalation, secrets.seal(token), Sha256.hex(token));
    }

    /** Due escalations, for {@link #takeSteps}. */
    public List<UUID> due(int limit) {
        return escalations.due(Instant.now(), limit);
    }

    /**
     * Takes the due step of each of these escalations that no other node holds.
     *
     * @return how many steps were taken
     */
    @Transactional
    public int takeSteps(List<UUID> due) {
        var now = Instant.now();
        int taken = 0;
        for (var escalation : escalations.claim(due, now)) {
            if (step(escalation, now)) {
                taken++;
            }
        }
        return taken;
    }

    private boolean step(Escalation escalation, Instant now) {
        var state = escalations.groupState(escalation.groupId());
        if (state.isEmpty() || !state.get().open()) {
            return escalations.end(escalation.id(), EscalationStatus.STOPPED, now, "every alert resolved");
        }
        var group = state.get();
        if (group.firing() == 0 && group.acknowledged() > 0) {
            return escalations.end(escalation.id(), EscalationStatus.STOPPED, now, "acknowledged");
        }
        if (group.firing() == 0) {
            // Every open alert is suppressed: nobody is paged now, but the group is looked at again,
            // as a silence may end while it is still open.
            escalations.moveOn(escalation.id(), escalation.level(), escalation.cycle(), now.plus(SUPPRESSED_RECHECK),
                    escalation.stepsTaken());
            return false;
        }
        var policy = policies.find(escalation.policyId());
        if (policy.isEmpty() || policy.get().levels().isEmpty()) {
            return escalations.end(escalation.id(), EscalationStatus.STOPPED, now, "escalation policy deleted");
        }
        var levels = policy.get().levels();
        var level = levels.get(Math.min(escalation.level(), levels.size() - 1));
        notifyLevel(escalation, group, level, now);
        var delay = Duration.ofMinutes(level.delayMinutes());
        int steps = escalation.stepsTaken() + 1;
        if (escalation.level() + 1 < levels.size()) {
            escalations.moveOn(escalation.id(), escalation.level() + 1, escalation.cycle(), now.plus(delay), steps);
        } else if (escalation.cycle() < policy.get().repeat()) {
            escalations.moveOn(escalation.id(), 0, escalation.cycle() + 1, now.plus(delay), steps);
        } else {
            escalations.moveOn(escalation.id(), escalation.level(), escalation.cycle(), now, steps);
            escalations.end(escalation.id(), EscalationStatus.EXHAUSTED, now,
                    "every level notified without an acknowledgement");
        }
        return true;
    }

    private void notifyLevel(Escalation escalation, GroupState group, EscalationPolicy.Level level, Instant now) {
        var root = alerts.find(group.rootAlertId()).orElse(null);
        var kind = escalation.stepsTaken() == 0 ? MessageKind.TRIGGERED : MessageKind.ESCALATED;
        var token = secrets.open(escalations.sealedToken(escalation.id()));
        var message = new NotificationMessage(group.rootAlertId(), escalation.groupId().toString(), kind,
                group.severity(), group.title(), root == null ? group.title() : root.summary(), ciName(root),
                root == null ? Map.of() : root.labels(), root == null ? now : root.firstSeen(),
                publicUrl.resolve("/alerts/" + group.rootAlertId()), publicUrl.resolve("/ack/" + token), null);
        var targets = level.targets();
        for (int i = 0; i < targets.size(); i++) {
            var target = targets.get(i);
            var channel = target.type() == EscalationPolicy.TargetType.CHANNEL ? target.id() : target.via();
            if (channels.kindOf(channel).isEmpty()) {
                // Deleted since the policy named it: the others on this level are still notified.
                log.warn("Escalation {} of group {}: notification channel {} no longer exists; target skipped",
                        escalation.id(), escalation.groupId(), channel);
                continue;
            }
            var key = "escalation:%s:%d:%d:%d".formatted(escalation.id(), escalation.cycle(), escalation.level(), i);
            switch (target.type()) {
                case CHANNEL -> notifications.enqueue(new NotificationRequest(key, target.id(), List.of(), message));
                case USER -> email(key, target.via(), people.find(target.id()), message, escalation);
                case SCHEDULE -> email(key, target.via(), onCall.now(target.id(), now)
                        .flatMap(shift -> people.find(shift.userId())), message, escalation);
            }
        }
    }

    private void email(String key, UUID channel, Optional<Person> person, NotificationMessage message,
            Escalation escalation) {
        if (person.isEmpty() || !person.get().enabled() || person.get().email() == null
                || person.get().email().isBlank()) {
            log.warn("Escalation {} of group {}: a target has no one with an e-mail address to reach; skipped",
                    escalation.id(), escalation.groupId());
            return;
        }
        notifications.enqueue(new NotificationRequest(key, channel, List.of(person.get().email()), message));
    }

    private String ciName(Alert root) {
        if (root == null) {
            return null;
        }
        if (root.ciId() != null) {
            return inventory.find(root.ciId()).map(CiSummary::name).orElse(root.ciHint());
        }
        return root.ciHint();
    }

    /** A group's escalation. */
    public Escalation ofGroup(UUID groupId) {
        return escalations.findByGroup(groupId)
                .orElseThrow(() -> new NotFoundException("Escalation of alert group", groupId));
    }

    /** What an acknowledge link opens, if it is one. */
    public Optional<LinkTarget> link(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return escalations.findByTokenHash(Sha256.hex(token)).flatMap(escalation -> escalations
                .groupState(escalation.groupId()).map(state -> new LinkTarget(escalation, state.title(),
                        state.severity(), state.firing(), state.open())));
    }

    /** The group an acknowledge link names, as its page shows it. */
    public record LinkTarget(Escalation escalation, String title, io.opsline.alerting.Severity severity, int firing,
            boolean open) {
    }

    /**
     * Acknowledges every firing alert of the link's group, which stops its escalation.
     *
     * @return how many alerts were acknowledged
     * @throws NotFoundException for a token that opens nothing
     */
    @Transactional
    public int acknowledgeByLink(String token) {
        var target = link(token).orElseThrow(() -> new NotFoundException("Acknowledge link", "in this address"));
        var escalation = target.escalation();
        int acknowledged = 0;
        for (var alertId : escalations.firingAlerts(escalation.groupId())) {
            alerts.acknowledge(alertId, "acknowledge link");
            acknowledged++;
        }
        escalations.end(escalation.id(), EscalationStatus.STOPPED, Instant.now(), "acknowledged through a link");
        return acknowledged;
    }

}
