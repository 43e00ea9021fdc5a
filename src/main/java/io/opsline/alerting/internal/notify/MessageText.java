package io.opsline.alerting.internal.notify;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    /**
     * For a follow-up, what happened in one sentence, e.g. "Acknowledged by alice after 12m" or
     * "Resolved after 1h 5m", counted from when the alert began; empty for any other message.
     */
    static Optional<String> outcome(NotificationMessage message) {
        var followUp = message.followUp();
        if (followUp == null) {
            return Optional.empty();
        }
        var text = new StringBuilder(headline(message));
        if (followUp.by() != null && !followUp.by().isBlank()) {
            text.append(" by ").append(oneLine(followUp.by()));
        }
        var lasted = Duration.between(message.occurredAt(), followUp.at());
        return Optional.of(text.append(" after ").append(duration(lasted.isNegative() ? Duration.ZERO : lasted))
                .toString());
    }

    /** The two largest units of a duration: "45s", "12m 5s", "1h 5m", "2d 3h". */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return pair(seconds / 60, "m", seconds % 60, "s");
        }
        if (seconds < 86_400) {
            return pair(seconds / 3600, "h", seconds % 3600 / 60, "m");
        }
        return pair(seconds / 86_400, "d", seconds % 86_400 / 3600, "h");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + majorUnit : major + majorUnit + " " + minor + minorUnit;
    }

    /**
     * Severity, CI, time, when a follow-up's acknowledgement or resolution happened, and labels as
     * name and value, in a stable order; empty ones left out.
     */
    static Map<String, String> facts(NotificationMessage message) {
        var facts = new LinkedHashMap<String, String>();
        if (message.severity() != null) {
            facts.put("Severity", message.severity().name());
        }
        if (message.ciName() != null && !message.ciName().isBlank()) {
            facts.put("CI", message.ciName());
        }
        facts.put("Occurred", DateTimeFormatter.ISO_INSTANT.format(message.occurredAt()));
        if (message.followUp() != null) {
            facts.put(headline(message), DateTimeFormatter.ISO_INSTANT.format(message.followUp().at()));
        }
        facts.putAll(new TreeMap<>(message.labels()));
        return facts;
    }

    static String plain(NotificationMessage message) {
        var text = new StringBuilder();
        text.append(headline(message)).append(": ").append(message.title()).append("\n\n");
        outcome(message).ifPresent(outcome -> text.append(outcome).append(".\n\n"));
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
        outcome(message).ifPresent(outcome -> html.append("<p><strong>").append(escape(outcome))
                .append(".</strong></p>"));
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
