package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_ENTRIES;
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
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Violations;
import tools.jackson.databind.JsonNode;

/**
 * Reads a PagerDuty Events API v2 alert event (the body of {@code POST /v2/enqueue}), checked as
 * PagerDuty checks it and with PagerDuty's error wording, so tools that page PagerDuty can page
 * Opsline by changing only the URL.
 *
 * <ul>
 * <li>{@code routing_key}: any text that is not blank (PagerDuty's are 32 characters); returned
 * beside the event for the caller to authenticate;</li>
 * <li>{@code dedup_key}: required to acknowledge or resolve; a trigger without one gets a new
 * random key, as in PagerDuty, which the answer must carry back;</li>
 * <li>{@code payload}: required to trigger, with {@code summary}, {@code source} and
 * {@code severity} ({@code critical}, {@code error}, {@code warning} or {@code info}, exactly);
 * {@code source}, {@code component}, {@code group} and {@code class} become labels,
 * {@code custom_details} the details (one level; deeper values as compact JSON), {@code client},
 * {@code client_url}, {@code links} and {@code images} details under {@code pagerduty.*}, and
 * {@code source} the CI's host name (or address, when it is an IP literal).</li>
 * </ul>
 * Like PagerDuty, an acknowledge or resolve reads nothing but the routing key, action and dedup
 * key. Its event has severity INFO, no summary and the time of receipt; the intake keeps the
 * alert's own severity and summary for those, so severity only matters for triggers.
 */
public final class PagerDutyEvents {

    static final String MISSING = "is missing or blank";
    static final String INVALID_ACTION = "is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')";
    static final String INVALID_SEVERITY = "is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')";

    private static final String EXPECTED = "a PagerDuty Events API v2 event: an object with 'routing_key' and 'event_action'";

    private PagerDutyEvents() {
    }

    /**
     * The routing key and event in a request body.
     *
     * @param source the name of the integration the body came through, the event's source
     * @param now the time for triggers without a timestamp, and for acknowledge and resolve
     * @throws InvalidInputException naming every field that does not fit, in PagerDuty's words;
     *         {@link PagerDutyResponse#invalid} turns it into PagerDuty's answer
     */
    public static PagerDutyEnqueue parse(byte[] body, String source, Instant now) {
        var root = JsonFields.readObject(body, EXPECTED);
        var violations = new Violations();
        var fields = new JsonFields(violations);
        var routingKey = fields.requiredText(root.get("routing_key"), "routing_key", MISSING);
        var action = action(fields, root.get("event_action"));
        var dedupNode = root.get("dedup_key");
        var dedupKey = fields.dedupKey(dedupNode, "dedup_key");
        if (action != null && action != EventAction.TRIGGER && dedupKey == null && blank(dedupNode)) {
            fields.add("dedup_key", MISSING);
        }
        var trigger = action == EventAction.TRIGGER ? trigger(fields, root, source, dedupKey, now) : null;
        violations.throwIfAny("The PagerDuty event is invalid");
        return new PagerDutyEnqueue(routingKey, trigger != null ? trigger
                : new Event(source, dedupKey, action, Severity.INFO, "", null, null, CiHint.NONE, now, null));
    }

    private static EventAction action(JsonFields fields, JsonNode node) {
        if (blank(node)) {
            fields.add("event_action", MISSING);
            return null;
        }
        var action = node.isString() ? switch (node.stringValue().strip()) {
            case "trigger" -> EventAction.TRIGGER;
            case "acknowledge" -> EventAction.ACKNOWLEDGE;
            case "resolve" -> EventAction.RESOLVE;
            default -> null;
        } : null;
        if (action == null) {
            fields.add("event_action", INVALID_ACTION);
        }
        return action;
    }

    /** The trigger's event, or null when the payload lacks something it needs (with the violations said). */
    private static Event trigger(JsonFields fields, JsonNode root, String source, String dedupKey, Instant now) {
        var payload = root.get("payload");
        if (absent(payload)) {
            fields.add("payload", MISSING);
            return null;
        }
        if (!payload.isObject()) {
            fields.add("payload", "is invalid (must be an object)");
            return null;
        }
        var summary = fields.requiredText(payload.get("summary"), "payload.summary", MISSING);
        var host = fields.requiredText(payload.get("source"), "payload.source", MISSING);
        var severity = severity(fields, payload.get("severity"));
        var timestamp = fields.instant(payload.get("timestamp"), "payload.timestamp");
        var labels = new LinkedHashMap<String, String>();
        putIfPresent(labels, "source", cut(host, MAX_VALUE_LENGTH));
        for (var name : new String[] {"component", "group", "class"}) {
            putIfPresent(labels, name, fields.value(payload.get(name), at("payload", name)));
        }
        var details = new LinkedHashMap<String, String>();
        int leftOut = customDetails(fields, payload.get("custom_details"), details);
        var links = references(fields, root.get("links"), "links", "href", "text");
        leftOut += putReferences(details, "links", links);
        leftOut += putReferences(details, "images", references(fields, root.get("images"), "images", "src", "alt"));
        putIfPresent(details, "pagerduty.client", fields.value(root.get("client"), "client"));
        var clientUrl = fields.text(root.get("client_url"), "client_url");
        putIfPresent(details, "pagerduty.client_url", cut(clientUrl, MAX_VALUE_LENGTH));
        JsonFields.noteLeftOut(details, "details", leftOut);
        if (summary == null || host == null || severity == null) {
            return null;
        }
        // The sending tool's page for this event first, else the first link it gave.
        var link = Stream.concat(Stream.ofNullable(clientUrl), links.stream().map(Reference::url))
                .map(JsonFields::webLink).filter(Objects::nonNull).findFirst().orElse(null);
        return new Event(source, dedupKey == null ? newDedupKey() : dedupKey, EventAction.TRIGGER, severity,
                cut(JsonFields.oneLine(summary), MAX_SUMMARY_LENGTH), labels, details, Hosts.hint(null, host),
                Timestamps.isSet(timestamp) ? timestamp : now, link);
    }

    /** Exactly PagerDuty's four words: a sender relying on "high" would be refused by PagerDuty too. */
    private static Severity severity(JsonFields fields, JsonNode node) {
        if (blank(node)) {
            fields.add("payload.severity", MISSING);
            return null;
        }
        var severity = node.isString() ? switch (node.stringValue()) {
            case "critical" -> Severity.CRITICAL;
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> null;
        } : null;
        if (severity == null) {
            fields.add("payload.severity", INVALID_SEVERITY);
        }
        return severity;
    }

    /**
     * Puts custom details into the details: an object's entries one level deep, anything else
     * (PagerDuty takes a plain string too) as one {@code custom_details} entry. Returns how many
     * entries were left out.
     */
    private static int customDetails(JsonFields fields, JsonNode node, Map<String, String> details) {
        if (absent(node)) {
            return 0;
        }
        if (!node.isObject()) {
            details.put("custom_details", cut(node.isString() ? JsonFields.clean(node.stringValue()) : node.toString(),
                    MAX_VALUE_LENGTH));
            return 0;
        }
        var entries = fields.map(node, "payload.custom_details", JsonFields.Values.ANY);
        details.putAll(entries.kept());
        return entries.leftOut();
    }

    /** A link ({@code href}, {@code text}) or an image ({@code src}, {@code alt}). */
    private record Reference(String url, String text) {
    }

    private static List<Reference> references(JsonFields fields, JsonNode node, String name, String urlField,
            String textField) {
        var references = new ArrayList<Reference>();
        if (absent(node)) {
            return references;
        }
        if (!node.isArray()) {
            fields.add(name, "is invalid (must be a list)");
            return references;
        }
        for (int i = 0; i < node.size() && !fields.full(); i++) {
            var at = at(name, i);
            var item = node.get(i);
            if (!item.isObject()) {
                fields.add(at, "is invalid (must be an object with '%s')".formatted(urlField));
                continue;
            }
            var url = fields.requiredText(item.get(urlField), at(at, urlField), MISSING);
            var text = fields.text(item.get(textField), at(at, textField));
            if (url != null) {
                references.add(new Reference(url, text));
            }
        }
        return references;
    }

    /**
     * Puts links or images into the details as {@code pagerduty.links[0]} = "text: href", while
     * the details have room; returns how many were left out.
     */
    private static int putReferences(Map<String, String> details, String name, List<Reference> references) {
        int leftOut = 0;
        for (int i = 0; i < references.size(); i++) {
            var reference = references.get(i);
            if (details.size() < MAX_ENTRIES) {
                var text = reference.text() == null ? reference.url() : reference.text() + ": " + reference.url();
                details.put("pagerduty." + at(name, i), cut(text, MAX_VALUE_LENGTH));
            } else {
                leftOut++;
            }
        }
        return leftOut;
    }

    /** What PagerDuty does for a trigger without a dedup key: a fresh random one, 32 hex digits like its own. */
    private static String newDedupKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
