package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.AlertGroupSummary;
import io.opsline.alerting.GroupedAlert;
import io.opsline.alerting.GroupedAlerts;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.IncidentInput;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.servicedesk.internal.ServiceDeskProperties;

/** Opens incidents for new alert groups, by the incident rules. */
@Component
class IncidentsFromAlerts {

    private static final Logger log = LoggerFactory.getLogger(IncidentsFromAlerts.class);
    /** As many CIs as an incident takes. */
    private static final int MAX_CIS = 100;

    private final IncidentRules rules;
    private final AlertLinkRepository links;
    private final LinkedAlerts linked;
    private final GroupedAlerts alerting;
    private final Incidents incidents;
    private final Inventory inventory;
    private final Teams teams;
    private final ServiceDeskProperties properties;

    IncidentsFromAlerts(IncidentRules rules, AlertLinkRepository links, LinkedAlerts linked, GroupedAlerts alerting,
            Incidents incidents, Inventory inventory, Teams teams, ServiceDeskProperties properties) {
        this.rules = rules;
        this.links = links;
        this.linked = linked;
        this.alerting = alerting;
        this.incidents = incidents;
        this.inventory = inventory;
        this.teams = teams;
        this.properties = properties;
    }

    /**
     * The groups one transaction of alerting opened. Most open no incident, as no rule takes their
     * severity: those cost no query each, which matters when the intake opens thousands a second.
     */
    @Transactional
    void openAll(Collection<UUID> opened) {
        if (opened.isEmpty()) {
            return;
        }
        var taken = rules.severitiesTaken();
        alerting.groups(opened).stream().filter(group -> taken.test(group.severity())).forEach(this::open);
    }

    /**
     * A new alert group: the first incident rule its root alert meets opens an incident for it. The
     * group's row in {@code incident_alert_group} is taken first, so one incident opens per group
     * however often and on however many nodes this runs; for a group that has its incident already,
     * the incident's alerts are brought up to date.
     */
    @Transactional
    void open(AlertGroupSummary opened) {
        var existing = links.incidentOf(opened.id());
        if (existing.isPresent()) {
            linked.sync(existing.get());
            return;
        }
        var alerts = alerting.members(opened.id());
        if (alerts.isEmpty()) {
            return;
        }
        var root = alerts.stream().filter(a -> a.alertId().equals(opened.rootAlertId())).findFirst()
                .orElse(alerts.getFirst());
        var ci = root.ciId() == null ? null : inventory.find(root.ciId()).orElse(null);
        var rule = rules.firstMatch(opened.severity(), ci).orElse(null);
        if (rule == null) {
            return;
        }
        var title = title(opened.title(), ci, opened.id());
        if (!links.claim(opened.id(), title, rule, Jdbc.now())) {
            return;
        }
        var incident = incidents.create(input(title, rule, ci, opened, alerts), Incidents.SYSTEM, OpenedThrough.ALERT,
                alerts.stream().map(GroupedAlert::firedAt).min(Instant::compareTo).orElse(null));
        links.attach(opened.id(), incident.id());
        linked.note(incident.id(), EntryKind.ALERT_LINKED, "Opened for alert group \"" + title + "\" by incident rule "
                + rule.name());
        linked.sync(incident.id());
        log.info("Opened {} for alert group {} by incident rule {}", incident.reference(), opened.id(),
                rule.name());
    }

    /**
     * What the rule gives the incident. A team or category the rule names that no longer exists is
     * left out rather than refused: the alerts must become an incident all the same.
     */
    private IncidentInput input(String title, IncidentRule rule, CiSummary rootCi, AlertGroupSummary opened,
            List<GroupedAlert> alerts) {
        var ciIds = alerts.stream().map(GroupedAlert::ciId).filter(Objects::nonNull).distinct().toList();
        var known = ciIds.isEmpty() ? Set.<UUID>of() : inventory.findAll(ciIds).keySet();
        var cis = ciIds.stream().filter(known::contains).limit(MAX_CIS).map(UUID::toString).toList();
        var team = rule.teamId() != null && teams.find(rule.teamId()).isPresent() ? rule.teamId().toString() : null;
        var category = rule.category() != null && properties.categories().contains(rule.category()) ? rule.category()
                : null;
        var description = "Opened by incident rule " + rule.name() + " for alert group " + opened.id() + " ("
                + opened.severity().name().toLowerCase() + (rootCi == null ? "" : ", on " + rootCi.name()) + ").";
        return new IncidentInput(title, description, null, category, rule.impact().key(), rule.urgency().key(), false,
                team, null, cis, null);
    }

    private static String title(String groupTitle, CiSummary ci, UUID groupId) {
        var title = AlertLinkRepository.shorten(groupTitle, AlertLinkRepository.MAX_TITLE);
        if (!title.isEmpty()) {
            return title;
        }
        return ci == null ? "Alert group " + groupId : "Alert on " + ci.name();
    }
}
