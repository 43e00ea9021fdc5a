package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_EVENTS_PER_REQUEST;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_SUMMARY_LENGTH;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_VALUE_LENGTH;
import static io.opsline.alerting.internal.intake.JsonFields.absent;
import static io.opsline.alerting.internal.intake.JsonFields.at;
import static io.opsline.alerting.internal.intake.JsonFields.blank;
import static io.opsline.alerting.internal.intake.JsonFields.cut;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

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
 * Reads Opsline's own event format: one event object, or {@code {"events": [...]}} with up to
 * {@value IntakeLimits#MAX_EVENTS_PER_REQUEST}. An event:
 *
 * <pre>
 * {
 *   "action": "trigger",              trigger (the default), acknowledge or resolve
 *   "dedupKey": "db01/disk",          optional: the sender's key for "the same problem"
 *   "severity": "critical",           required to trigger: critical, error, warning, info or a synonym
 *   "summary": "Disk / is 97% full",  required to trigger
 *   "labels": {"service": "db"},      text, numbers and true/false
 *   "details": {"used": 97.2},        anything; objects and lists kept as compact JSON
 *   "ci": {"id": "…", "hostname": "db01", "address": "10.0.0.7"},
 *   "occurredAt": "2024-05-01T12:00:00Z",
 *   "link": "https://…"               http or https
 * }
 * </pre>
 *
 * Unknown fields are ignored, so senders may carry their own; known fields must have the right
 * type. Acknowledge and resolve need neither severity nor summary: the intake keeps the alert's.
 */
public final class GenericEvents {

    private static final String EXPECTED = "one event object, or {\"events\": [...]}";
    private static final Set<String> EVENT_FIELDS = Set.of("action", "dedupKey", "severity", "summary", "labels",
            "details", "ci", "occurredAt", "link");

    private GenericEvents() {
    }

    /**
     * The events in a request body.
     *
     * @param source the name of the integration the body came through, each event's source
     * @param now the time for events that do not say when they happened
     * @throws InvalidInputException naming every field that does not fit, for a 400 answer
     */
    public static List<Event> parse(byte[] body, String source, Instant now) {
        var root = JsonFields.readObject(body, EXPECTED);
        var violations = new Violations();
        var fields = new JsonFields(violations);
        var events = new ArrayList<Event>();
        var isBatch = root.has("events");
        if (isBatch) {
            var batch = root.get("events");
            if (root.propertyNames().stream().anyMatch(EVENT_FIELDS::contains)) {
                fields.add("events", "cannot stand beside the fields of an event: send " + EXPECTED);
            } else if (!batch.isArray()) {
                fields.add("events", "must be a list of events");
            } else if (batch.size() > MAX_EVENTS_PER_REQUEST) {
                fields.add("events", "holds %d events; at most %d are accepted in one request: send them in several"
                        .formatted(batch.size(), MAX_EVENTS_PER_REQUEST));
            } else {
                for (int i = 0; i < batch.size() && !fields.full(); i++) {
                    var event = event(fields, batch.get(i), at("events", i), source, now);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        } else {
            var event = event(fields, root, "", source, now);
            if (event != null) {
                events.add(event);
            }
        }
        violations.throwIfAny(isBatch ? "The events are invalid" : "The event is invalid");
        return events;
    }

    /** The event, or null when anything in it did not fit (each problem a violation). */
    private static Event event(JsonFields fields, JsonNode node, String at, String source, Instant now) {
        if (!node.isObject()) {
            fields.add(at, "must be an event object");
            return null;
        }
        int before = fields.problems();
        var action = action(fields, node.get("action"), at(at, "action"));
        var trigger = action == EventAction.TRIGGER;
        var dedupKey = fields.dedupKey(node.get("dedupKey"), at(at, "dedupKey"));
        var severity = severity(fields, node.get("severity"), at(at, "severity"), trigger);
        var summary = fields.text(node.get("summary"), at(at, "summary"));
        if (summary == null && trigger && blank(node.get("summary"))) {
            fields.add(at(at, "summary"), "is required for a trigger");
        }
        var labels = fields.map(node.get("labels"), at(at, "labels"), JsonFields.Values.SCALARS);
        var details = fields.map(node.get("details"), at(at, "details"), JsonFields.Values.ANY);
        var ci = ci(fields, node.get("ci"), at(at, "ci"));
        var occurredAt = fields.instant(node.get("occurredAt"), at(at, "occurredAt"));
        var link = fields.text(node.get("link"), at(at, "link"));
        if (link != null && JsonFields.webLink(link) == null) {
            fields.add(at(at, "link"), "must be an http or https URL of at most %d characters".formatted(MAX_VALUE_LENGTH));
        }
        if (fields.problems() > before) {
            return null;
        }
        var allDetails = new LinkedHashMap<>(details.kept());
        JsonFields.noteLeftOut(allDetails, "labels", labels.leftOut());
        JsonFields.noteLeftOut(allDetails, "details", details.leftOut());
        return new Event(source, dedupKey, action, severity, summary == null ? "" : cut(JsonFields.oneLine(summary),
                MAX_SUMMARY_LENGTH), labels.kept(), allDetails, ci, occurredAt != null ? occurredAt : now, link);
    }

    private static EventAction action(JsonFields fields, JsonNode node, String field) {
        var word = fields.text(node, field);
        if (word == null) {
            return blank(node) ? EventAction.TRIGGER : null;
        }
        var action = switch (word.toLowerCase(Locale.ROOT)) {
            case "trigger" -> EventAction.TRIGGER;
            case "acknowledge" -> EventAction.ACKNOWLEDGE;
            case "resolve" -> EventAction.RESOLVE;
            default -> null;
        };
        if (action == null) {
            fields.add(field, "is '%s'; must be trigger, acknowledge or resolve".formatted(cut(word, 40)));
        }
        return action;
    }

    /** Required to trigger; for acknowledge and resolve INFO stands in, as the intake keeps the alert's own. */
    private static Severity severity(JsonFields fields, JsonNode node, String field, boolean trigger) {
        var word = fields.text(node, field);
        if (word == null) {
            if (trigger && blank(node)) {
                fields.add(field, "is required for a trigger");
            }
            return Severity.INFO;
        }
        var severity = Severity.parse(word);
        if (severity.isEmpty()) {
            fields.add(field, "is '%s'; must be critical, error, warning or info (or a usual synonym: high, warn, low…)"
                    .formatted(cut(word, 40)));
        }
        return severity.orElse(Severity.INFO);
    }

    /**
     * What the sender knows of the CI. A host name that is an IP literal is taken as the address
     * (when none is given), since the intake looks addresses up as addresses.
     */
    private static CiHint ci(JsonFields fields, JsonNode node, String field) {
        if (absent(node)) {
            return CiHint.NONE;
        }
        if (!node.isObject()) {
            fields.add(field, "must be an object with id, hostname and/or address");
            return CiHint.NONE;
        }
        var idText = fields.text(node.get("id"), at(field, "id"));
        UUID id = idText == null ? null : Ids.parseOrNull(idText);
        if (idText != null && id == null) {
            fields.add(at(field, "id"), "is '%s', not a CI id (a UUID)".formatted(cut(idText, 40)));
        }
        var hostname = lowerCase(fields.text(node.get("hostname"), at(field, "hostname")));
        var address = lowerCase(fields.text(node.get("address"), at(field, "address")));
        if (address != null && !HostAddresses.isIpLiteral(address)) {
            fields.add(at(field, "address"), "is '%s', not an IP address".formatted(cut(address, 40)));
        }
        if (hostname != null && HostAddresses.isIpLiteral(hostname)) {
            address = address == null ? hostname : address;
            hostname = null;
        } else if (hostname != null && !HostAddresses.isHostName(hostname)) {
            fields.add(at(field, "hostname"), "is '%s', neither a host name nor an IP address".formatted(cut(hostname, 40)));
        }
        return new CiHint(id, hostname, address);
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
