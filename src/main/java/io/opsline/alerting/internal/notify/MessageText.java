package io.opsline.alerting.internal.notify;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.util.HtmlUtils;

/** A message in words: the subject line, and the lines every human-readable format shows. */
final class MessageText {

    private MessageText() {
    }

    /** {@code [CRITICAL] title}; acknowledgements, resolutions and tests say so instead of the severity. */
    static String subject(NotificationMessage message) {
        var tag = switch (message.kind()) {
            case TRIGGERED, ESCALATED -> message.severity() == null ? message.kind().name() : message.severity().name();
            case ACKNOWLEDGED, RESOLVED, TEST -> message.kind().name();
        };
        return "[" + tag + "] " + oneLine(message.title());
    }

    /** What happened, e.g. "Escalated" or "Resolved". */
    static String headline(NotificationMessage message) {
        var kind = message.kind().name();
        return kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Severity, CI, time and labels as name and value, in a stable order; empty ones left out. */
    static Map<String, String> facts(NotificationMessage message) {
        var facts = new LinkedHashMap<String, String>();
        if (message.severity() != null) {
            facts.put("Severity", message.severity().name());
        }
        if (message.ciName() != null && !message.ciName().isBlank()) {
            facts.put("CI", message.ciName());
        }
        facts.put("Occurred", DateTimeFormatter.ISO_INSTANT.format(message.occurredAt()));
        facts.putAll(new TreeMap<>(message.labels()));
        return facts;
    }

    static String plain(NotificationMessage message) {
        var text = new StringBuilder();
        text.append(headline(message)).append(": ").append(message.title()).append("\n\n");
        if (message.summary() != null && !message.summary().isBlank()) {
            text.append(message.summary()).append("\n\n");
        }
        facts(message).forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        if (message.alertLink() != null) {
            text.append("\nOpen the alert: ").append(message.alertLink()).append('\n');
        }
        if (message.acknowledgeLink() != null) {
            text.append("Acknowledge: ").append(message.acknowledgeLink()).append('\n');
        }
        return text.toString();
    }

    /** The same as {@link #plain} as HTML; everything that came from an event is escaped. */
    static String html(NotificationMessage message) {
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(escape(headline(message))).append(": ").append(escape(message.title()))
                .append("</h2>");
        if (message.summary() != null && !message.summary().isBlank()) {
            html.append("<p style=\"white-space:pre-wrap\">").append(escape(message.summary())).append("</p>");
        }
        html.append("<table>");
        facts(message).forEach((name, value) -> html.append("<tr><th align=\"left\">").append(escape(name))
                .append("</th><td>").append(escape(value)).append("</td></tr>"));
        html.append("</table><p>");
        if (message.alertLink() != null) {
            html.append("<a href=\"").append(escape(message.alertLink().toString())).append("\">Open the alert</a> ");
        }
        if (message.acknowledgeLink() != null) {
            html.append("<a href=\"").append(escape(message.acknowledgeLink().toString()))
                    .append("\">Acknowledge</a>");
        }
        return html.append("</p></body></html>").toString();
    }

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
