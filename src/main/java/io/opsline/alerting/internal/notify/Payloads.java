package io.opsline.alerting.internal.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsline.alerting.Severity;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies for webhooks, Slack and Teams. */
final class Payloads {

    private Payloads() {
    }

    /**
     * Opsline's own webhook body: every field of the message, stable names, ISO-8601 times. {@code event}
     * is the kind in lower case ({@code triggered}, {@code escalated}, {@code acknowledged},
     * {@code resolved}, {@code test}); a follow-up carries {@code followUp} with who, when, how long
     * after the alert began, and the id of the page it follows up.
     */
    static String webhook(JsonMapper json, Delivery delivery) {
        var message = delivery.message();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", delivery.id());
        body.put("event", message.kind().name().toLowerCase(Locale.ROOT));
        body.put("kind", message.kind());
        body.put("alertId", message.alertId());
        body.put("thread", message.threadKey());
        body.put("severity", message.severity());
        body.put("title", message.title());
        body.put("summary", message.summary());
        body.put("ci", message.ciName());
        body.put("labels", message.labels());
        body.put("occurredAt", message.occurredAt().toString());
        var links = new LinkedHashMap<String, Object>();
        links.put("alert", message.alertLink() == null ? null : message.alertLink().toString());
        links.put("acknowledge", message.acknowledgeLink() == null ? null : message.acknowledgeLink().toString());
        body.put("links", links);
        var followUp = message.followUp();
        if (followUp != null) {
            var about = new LinkedHashMap<String, Object>();
            about.put("by", followUp.by());
            about.put("at", followUp.at().toString());
            about.put("afterSeconds", Math.max(0, followUp.at().getEpochSecond() - message.occurredAt().getEpochSecond()));
            about.put("page", followUp.page());
            body.put("followUp", about);
        }
        return json.writeValueAsString(body);
    }

    /** A Slack incoming-webhook message: {@code text} for notifications, {@code blocks} for the message itself. */
    static String slack(JsonMapper json, NotificationMessage message) {
        var subject = MessageText.subject(message);
        var outcome = MessageText.outcome(message);
        var blocks = new ArrayList<Object>();
        var main = new StringBuilder("*").append(slackEscape(subject)).append('*');
        outcome.ifPresent(said -> main.append('\n').append(slackEscape(said)));
        if (message.summary() != null && !message.summary().isBlank()) {
            main.append('\n').append(slackEscape(message.summary()));
        }
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", main.toString())));
        var facts = new StringBuilder(MessageText.headline(message));
        MessageText.facts(message).forEach((name, value) -> facts.append(" · ").append(slackEscape(name)).append(": ")
                .append(slackEscape(value)));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", facts.toString()))));
        var buttons = new ArrayList<Object>();
        if (message.alertLink() != null) {
            buttons.add(Map.of("type", "button", "text", Map.of("type", "plain_text", "text", "Open alert"), "url",
                    message.alertLink().toString()));
        }
        if (message.acknowledgeLink() != null) {
            buttons.add(Map.of("type", "button", "text", Map.of("type", "plain_text", "text", "Acknowledge"), "url",
                    message.acknowledgeLink().toString(), "style", "primary"));
        }
        if (!buttons.isEmpty()) {
            blocks.add(Map.of("type", "actions", "elements", buttons));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("text", outcome.map(said -> subject + ": " + said).orElse(subject));
        body.put("blocks", blocks);
        return json.writeValueAsString(body);
    }

    /** A Teams message carrying an Adaptive Card 1.4 (what incoming webhooks and Workflows accept). */
    static String teams(JsonMapper json, NotificationMessage message) {
        var cardBody = new ArrayList<Object>();
        cardBody.add(Map.of("type", "TextBlock", "text", MessageText.subject(message), "weight", "Bolder", "size",
                "Medium", "wrap", true, "color", color(message)));
        MessageText.outcome(message).ifPresent(said -> cardBody.add(Map.of("type", "TextBlock", "text", said,
                "weight", "Bolder", "wrap", true)));
        if (message.summary() != null && !message.summary().isBlank()) {
            cardBody.add(Map.of("type", "TextBlock", "text", message.summary(), "wrap", true));
        }
        var facts = new ArrayList<Object>();
        facts.add(Map.of("title", "What", "value", MessageText.headline(message)));
        MessageText.facts(message).forEach((name, value) -> facts.add(Map.of("title", name, "value", value)));
        cardBody.add(Map.of("type", "FactSet", "facts", facts));
        var actions = new ArrayList<Object>();
        if (message.alertLink() != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", "Open alert", "url", message.alertLink().toString()));
        }
        if (message.acknowledgeLink() != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", "Acknowledge", "url",
                    message.acknowledgeLink().toString()));
        }
        var card = new LinkedHashMap<String, Object>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", cardBody);
        card.put("actions", actions);
        var attachment = new LinkedHashMap<String, Object>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("content", card);
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "message");
        body.put("attachments", List.of(attachment));
        return json.writeValueAsString(body);
    }

    private static String color(NotificationMessage message) {
        if (message.kind() == MessageKind.RESOLVED) {
            return "Good";
        }
        if (message.kind() == MessageKind.ACKNOWLEDGED) {
            return "Accent";
        }
        return message.severity() == Severity.CRITICAL || message.severity() == Severity.ERROR ? "Attention"
                : "Default";
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup; everything else in mrkdwn is shown as sent. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
