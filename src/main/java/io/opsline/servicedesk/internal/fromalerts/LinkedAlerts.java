package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.GroupNotified;
import io.opsline.alerting.GroupedAlert;
import io.opsline.alerting.GroupedAlerts;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.ResolutionCode;
import io.opsline.servicedesk.internal.TransitionInput;

/**
 * The alerts an incident follows: read for pages and the API, linked by hand, and kept in step with
 * alerting. Keeping in step ({@link #sync}) compares what alerting says now with what the timeline
 * has told, and writes only the difference, under a lock on the incident: so it may run as often as
 * events arrive, in any order, on any node, and each firing and clearing is told once.
 */
@Service
public class LinkedAlerts {

    /** What an automatic resolve records: the alerts that showed the trouble are over. */
    static final String RESOLVED_NOTES = "All linked alerts resolved";

    private final AlertLinkRepository links;
    private final GroupedAlerts alerting;
    private final Incidents incidents;
    private final Inventory inventory;
    private final AuditLog audit;

    LinkedAlerts(AlertLinkRepository links, GroupedAlerts alerting, Incidents incidents, Inventory inventory,
            AuditLog audit) {
        this.links = links;
        this.alerting = alerting;
        this.incidents = incidents;
        this.inventory = inventory;
        this.audit = audit;
    }

    /** The groups and alerts the incident follows, with each alert's status as alerting has it now. */
    @Transactional(readOnly = true)
    public IncidentAlerts forIncident(UUID incidentId) {
        var groups = links.groups(incidentId);
        var live = new HashMap<UUID, GroupedAlert>();
        groups.forEach(g -> alerting.members(g.groupId()).forEach(a -> live.put(a.alertId(), a)));
        var stored = links.alerts(incidentId);
        var ciIds = new HashSet<UUID>();
        stored.stream().map(AlertLinkRepository.StoredAlert::ciId).filter(Objects::nonNull).forEach(ciIds::add);
        var cis = ciIds.isEmpty() ? Map.<UUID, CiSummary>of() : inventory.findAll(ciIds);
        var alerts = stored.stream().map(s -> {
            var now = live.get(s.alertId());
            var status = now != null ? now.status() : s.resolvedAt() == null ? AlertStatus.FIRING : AlertStatus.RESOLVED;
            var ci = s.ciId() == null ? null
                    : new Named(s.ciId(), cis.containsKey(s.ciId()) ? cis.get(s.ciId()).name() : null);
            return new LinkedAlert(s.alertId(), s.groupId(), ci, (now == null ? s.severity() : now.severity()).name()
                    .toLowerCase(), status, s.summary(), s.firedAt(), s.resolvedAt(), s.linkedAt());
        }).toList();
        var allResolvedAt = links.allResolvedAt(incidentId).orElse(null);
        return new IncidentAlerts(allResolvedAt != null, allResolvedAt, groups, alerts);
    }

    /**
     * Links an alert group to the incident by hand: its alerts join the incident's timeline. A group
     * follows one incident at most.
     */
    @Transactional
    public IncidentAlerts link(UUID incidentId, String groupId, String actor) {
        var incident = incidents.get(incidentId);
        var violations = new Violations();
        if (groupId == null || groupId.isBlank()) {
            violations.add("groupId", "is required: the id of the alert group to link");
        }
        var id = violations.optionalId("groupId", groupId, "must be an alert group id");
        var group = id == null ? null : alerting.group(id).orElse(null);
        if (id != null && group == null) {
            violations.add("groupId", "no alert group " + id);
        }
        violations.throwIfAny("Invalid alert group link");
        if (incident.state() == IncidentState.CLOSED) {
            throw new ConflictException(incident.reference() + " is closed; closed incidents follow no new alerts");
        }
        var owner = links.incidentOf(id);
        if (owner.isPresent()) {
            if (owner.get().equals(incidentId)) {
                return forIncident(incidentId);
            }
            throw ConflictException.onField("groupId", "the alert group is linked to "
                    + incidents.get(owner.get()).reference() + " already");
        }
        if (!links.link(id, incidentId, group.title(), actor, Jdbc.now())) {
            throw ConflictException.onField("groupId", "the alert group was just linked to another incident");
        }
        incidents.note(incidentId, EntryKind.ALERT_LINKED, false, "Linked alert group \"" + group.title() + "\" by "
                + actor);
        sync(incidentId);
        audit.record(new AuditEntry("incident.link-alerts", "incident", incidentId.toString(), "Linked alert group "
                + id + " to " + incident.reference(), null, group));
        return forIncident(incidentId);
    }

    /**
     * Brings the incident's alerts in step with alerting: links the alerts its groups gained, marks
     * those that ended, tells the timeline of each, and once every alert is resolved says so, and
     * resolves the incident when a rule asked for it and it is still New or In progress.
     */
    @Transactional
    public void sync(UUID incidentId) {
        if (!links.lockIncident(incidentId)) {
            return;
        }
        var groups = links.groups(incidentId);
        var stored = new HashMap<UUID, AlertLinkRepository.StoredAlert>();
        links.alerts(incidentId).forEach(a -> stored.put(a.alertId(), a));
        var now = Jdbc.now();
        var open = new HashSet<UUID>();
        stored.values().stream().filter(a -> a.resolvedAt() == null).forEach(a -> open.add(a.alertId()));
        var newlyLinked = new ArrayList<GroupedAlert>();
        for (var group : groups) {
            for (var alert : alerting.members(group.groupId())) {
                var ended = alert.status() == AlertStatus.RESOLVED
                        ? Objects.requireNonNullElse(alert.resolvedAt(), now) : null;
                var known = stored.get(alert.alertId());
                if (known == null) {
                    links.insert(incidentId, alert, ended, now);
                    newlyLinked.add(alert);
                    note(incidentId, EntryKind.ALERT_FIRED, alert.severity().name() + " alert fired at "
                            + alert.firedAt() + ": " + AlertLinkRepository.shorten(alert.summary(), 500));
                } else if (known.resolvedAt() != null || ended == null) {
                    continue;
                } else {
                    links.resolved(incidentId, alert.alertId(), ended);
                }
                if (ended != null) {
                    open.remove(alert.alertId());
                    note(incidentId, EntryKind.ALERT_RESOLVED, "Alert resolved at " + ended + ": "
                            + AlertLinkRepository.shorten(alert.summary(), 500));
                } else {
                    open.add(alert.alertId());
                }
            }
        }
        var followsAny = !stored.isEmpty() || !newlyLinked.isEmpty();
        var announced = links.allResolvedAt(incidentId);
        if (followsAny && open.isEmpty() && announced.isEmpty()) {
            links.allResolved(incidentId, now);
            note(incidentId, EntryKind.ALERTS_ALL_RESOLVED, "All " + (stored.size() + newlyLinked.size())
                    + " linked alerts are resolved");
            if (groups.stream().anyMatch(LinkedGroup::autoResolve)) {
                resolve(incidentId);
            }
        } else if (!open.isEmpty() && announced.isPresent()) {
            links.notAllResolved(incidentId);
        }
    }

    /** A message about a group went out: the incident following the group (if one does) tells of it. */
    @Transactional
    public void notified(GroupNotified notified) {
        links.incidentOf(notified.groupId()).ifPresent(incidentId -> note(incidentId, EntryKind.NOTIFICATION,
                "Notified " + notified.target() + " through " + notified.channel() + " (" + notified.kind() + ")"));
    }

    /** Writes a line about alerting to the timeline; callers do not see these. */
    void note(UUID incidentId, EntryKind kind, String body) {
        incidents.note(incidentId, kind, false, body);
    }

    /**
     * Resolves the incident as its rule asked, unless someone is already past that or waits on
     * purpose (On hold). Solved permanently: the rule's promise is that the alerts' clearing means
     * the trouble is over, and a recurrence opens a new group and so a new incident.
     */
    private void resolve(UUID incidentId) {
        var incident = incidents.get(incidentId);
        if (incident.state() != IncidentState.NEW && incident.state() != IncidentState.IN_PROGRESS) {
            return;
        }
        incidents.transition(incidentId, new TransitionInput(incident.version(), IncidentState.RESOLVED.key(), null,
                ResolutionCode.SOLVED_PERMANENTLY.key(), RESOLVED_NOTES, null), Incidents.SYSTEM);
    }
}
