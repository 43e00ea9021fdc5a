package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_EVENTS_PER_REQUEST;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_SUMMARY_LENGTH;
import static io.opsline.alerting.internal.intake.JsonFields.absent;
import static io.opsline.alerting.internal.intake.JsonFields.at;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Violations;
import tools.jackson.databind.JsonNode;
import io.opsline.platform.HostAddresses;

/**
 * Reads the body of Prometheus Alertmanager's webhook (payload version 4, sent by Alertmanager
 * 0.9 and later): one event per alert in the group.
 *
 * <ul>
 * <li>action: TRIGGER for a firing alert, RESOLVE for a resolved one;</li>
 * <li>dedup key: the alert's fingerprint (a hash of its labels), or null to let the intake make
 * one from the labels;</li>
 * <li>severity: the {@code severity} label in any of the words {@link Severity#parse} knows;
 * WARNING when there is none or it means nothing, since alerting rules usually set the label and
 * one without it is rarely worth waking anyone for, nor worth ignoring;</li>
 * <li>summary: the {@code summary} annotation, else the first line of {@code description}, else
 * the alert name and its instance;</li>
 * <li>labels: the alert's labels; details: its annotations, plus the receiver
 * ({@code alertmanager.receiver}) and Alertmanager's own address ({@code alertmanager.externalURL},
 * where to silence it), under names no annotation uses;</li>
 * <li>CI: the {@code opsline_ci} label when it holds a CI id, and the host named by the
 * {@code host}, {@code hostname}, {@code nodename} or {@code instance} label;</li>
 * <li>time: {@code startsAt} when firing, {@code endsAt} when resolved, else now;</li>
 * <li>link: {@code generatorURL}, the rule's expression in Prometheus.</li>
 * </ul>
 */
public final class AlertmanagerWebhook {

    static final String CI_LABEL = "opsline_ci";
    static final String DEFAULT_SUMMARY = "Alert from Alertmanager";

    private static final String EXPECTED = "an Alertmanager webhook payload (version 4): an object with 'version' and 'alerts'";
    // Explicit host labels first: rule authors set them on purpose, while instance is often the
    // scrape target in between (a Pushgateway, a federating Prometheus).
    private static final List<String> HOST_LABELS = List.of("host", "hostname", "nodename", "instance");

    private AlertmanagerWebhook() {
    }

    /**
     * The events in a webhook request body.
     *
     * @param source the name of the integration the body came through, each event's source
     * @param now the time for alerts that do not say when they happened
     * @throws InvalidInputException naming every field that does not fit, for a 400 answer
     */
    public static List<Event> parse(byte[] body, String source, Instant now) {
        var root = JsonFields.readObject(body, EXPECTED);
        var violations = new Violations();
        var fields = new JsonFields(violations);
        checkVersion(root.get("version"));
        status(fields, root.get("status"), "status");
        var receiver = fields.value(root.get("receiver"), "receiver");
        var externalUrl = fields.value(root.get("externalURL"), "externalURL");
        fields.text(root.get("groupKey"), "groupKey");
        fields.count(root.get("truncatedAlerts"), "truncatedAlerts");
        for (var group : List.of("groupLabels", "commonLabels", "commonAnnotations")) {
            fields.map(root.get(group), group, JsonFields.Values.TEXT);
        }
        var events = new ArrayList<Event>();
        var alerts = root.get("alerts");
        if (absent(alerts)) {
            fields.add("alerts", "is required");
        } else if (!alerts.isArray()) {
            fields.add("alerts", "must be a list of alerts");
        } else if (alerts.size() > MAX_EVENTS_PER_REQUEST) {
            fields.add("alerts", ("holds %d alerts; at most %d are accepted in one request (set max_alerts in the"
                    + " receiver's webhook_config)").formatted(alerts.size(), MAX_EVENTS_PER_REQUEST));
        } else {
            for (int i = 0; i < alerts.size() && !fields.full(); i++) {
                var event = alert(fields, alerts.get(i), at("alerts", i), source, receiver, externalUrl, now);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        violations.throwIfAny("The Alertmanager webhook payload is invalid");
        return events;
    }

    /** Another version has other fields; reading it as version 4 would get alerts wrong in silence. */
    private static void checkVersion(JsonNode version) {
        if (absent(version)) {
            throw InvalidInputException.of("version", "is required: only Alertmanager's webhook payload version 4 is read");
        }
        if (!version.isString() || !version.stringValue().strip().equals("4")) {
            throw InvalidInputException.of("version", "is %s; only Alertmanager's webhook payload version \"4\" is read"
                    .formatted(JsonFields.cut(version.toString(), 40)));
        }
    }

    private static Event alert(JsonFields fields, JsonNode alert, String at, String source, String receiver,
            String externalUrl, Instant now) {
        if (!alert.isObject()) {
            fields.add(at, "must be an alert object");
            return null;
        }
        var status = status(fields, alert.get("status"), at(at, "status"));
        if (status == null && JsonFields.blank(alert.get("status"))) {
            fields.add(at(at, "status"), "is required");
        }
        if (absent(alert.get("labels"))) {
            fields.add(at(at, "labels"), "is required");
        }
        var labels = fields.map(alert.get("labels"), at(at, "labels"), JsonFields.Values.TEXT);
        var annotations = fields.map(alert.get("annotations"), at(at, "annotations"), JsonFields.Values.TEXT);
        var startsAt = fields.instant(alert.get("startsAt"), at(at, "startsAt"));
        var endsAt = fields.instant(alert.get("endsAt"), at(at, "endsAt"));
        var generatorUrl = fields.text(alert.get("generatorURL"), at(at, "generatorURL"));
        var fingerprint = fields.dedupKey(alert.get("fingerprint"), at(at, "fingerprint"));
        if (status == null) {
            return null;
        }
        var firing = status.equals("firing");
        var details = new LinkedHashMap<>(annotations.kept());
        putIfPresent(details, "alertmanager.receiver", receiver);
        putIfPresent(details, "alertmanager.externalURL", externalUrl);
        JsonFields.noteLeftOut(details, "labels", labels.leftOut());
        JsonFields.noteLeftOut(details, "annotations", annotations.leftOut());
        var when = firing ? startsAt : endsAt;
        return new Event(source, fingerprint, firing ? EventAction.TRIGGER : EventAction.RESOLVE,
                Severity.parse(labels.get("severity")).orElse(Severity.WARNING), summary(labels, annotations),
                labels.kept(), details, ciHint(labels), Timestamps.isSet(when) ? when : now,
                JsonFields.webLink(generatorUrl));
    }

    /** {@code firing} or {@code resolved}; null (with a violation when it is something else) otherwise. */
    private static String status(JsonFields fields, JsonNode node, String field) {
        var status = fields.text(node, field);
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            fields.add(field, "is '%s'; must be firing or resolved".formatted(JsonFields.cut(status, 40)));
            return null;
        }
        return status;
    }

    private static String summary(JsonFields.Entries labels, JsonFields.Entries annotations) {
        var summary = annotations.get("summary");
        if (summary == null || summary.isBlank()) {
            summary = JsonFields.firstLine(annotations.get("description"));
        }
        if (summary == null || summary.isBlank()) {
            var name = labels.get("alertname");
            summary = name == null || name.isBlank() ? DEFAULT_SUMMARY : name;
            var instance = labels.get("instance");
            if (instance != null && !instance.isBlank()) {
                summary += " on " + instance;
            }
        }
        return JsonFields.cut(JsonFields.oneLine(summary), MAX_SUMMARY_LENGTH);
    }

    /**
     * The CI the alert is about: an {@code opsline_ci} label holding a CI id (set by rules that
     * know it); a host name from the {@code host}, {@code hostname}, {@code nodename} or
     * {@code instance} label (port and brackets taken off, a URL reduced to its host); and an IP
     * address when one of them is an IP literal, as node exporters' instances often are.
     */
    private static CiHint ciHint(JsonFields.Entries labels) {
        var ciLabel = labels.get(CI_LABEL);
        var ciId = ciLabel == null ? null : Ids.parseOrNull(ciLabel.strip());
        var hosts = HOST_LABELS.stream().map(labels::get).map(Hosts::hostOf).flatMap(Stream::ofNullable).toList();
        var hostname = hosts.stream().filter(host -> !HostAddresses.isIpLiteral(host)).findFirst().orElse(null);
        var address = hosts.stream().filter(HostAddresses::isIpLiteral).findFirst().orElse(null);
        return new CiHint(ciId, hostname, address);
    }

    private static void putIfPresent(Map<String, String> details, String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
    }
}
