package io.opsline.alerting.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsline.alerting.internal.notify.Channel;
import io.opsline.alerting.internal.notify.ChannelInput;
import io.opsline.alerting.internal.notify.ChannelKind;

/**
 * The channel form's fields, named as the channel rules name them so each message lands beside its
 * field. Text throughout, so that whatever was typed comes back with the errors. The URL, the
 * webhook secret and the SMTP password are write-only: a form read from a stored channel leaves
 * them empty, and an empty one keeps what is stored. {@code followUps} is a checkbox: absent means
 * no.
 */
public record ChannelForm(String kind, String name, String url, String secret, String rotateSecret, String smtpHost,
        String smtpPort, String smtpSecurity, String smtpUsername, String smtpPassword, String fromAddress,
        String recipients, String followUps, String version) {

    static ChannelForm blank(ChannelKind kind) {
        return new ChannelForm(key(kind), null, null, null, null, null, null, "starttls", null, null, null, null,
                "true", null);
    }

    static ChannelForm of(Channel channel) {
        return new ChannelForm(key(channel.kind()), channel.name(), null, null, null, channel.smtpHost(),
                channel.smtpPort() == null ? null : channel.smtpPort().toString(),
                channel.smtpSecurity() == null ? null : channel.smtpSecurity().name().toLowerCase(Locale.ROOT),
                channel.smtpUsername(), null, channel.fromAddress(), String.join(", ", channel.recipients()),
                Boolean.toString(channel.followUps()), Integer.toString(channel.version()));
    }

    /** What is wrong with the text before the channel rules see it: a port or version that is no number. */
    Map<String, String> problems() {
        var problems = new LinkedHashMap<String, String>();
        if (number(smtpPort) == null && !blank(smtpPort)) {
            problems.put("smtpPort", "'%s' is not a port number".formatted(smtpPort.strip()));
        }
        if (number(version) == null && !blank(version)) {
            problems.put("", "The form is out of date: reload the channel and make the change again.");
        }
        return problems;
    }

    ChannelInput toInput() {
        return new ChannelInput(name, kind, orNull(url), orNull(secret), "true".equals(rotateSecret), orNull(smtpHost),
                number(smtpPort), orNull(smtpSecurity), orNull(smtpUsername), orNull(smtpPassword),
                orNull(fromAddress), addresses(), number(version), "true".equals(followUps));
    }

    /** The same form without what is never sent back to the browser. */
    ChannelForm withoutSecrets() {
        return new ChannelForm(kind, name, url, null, null, smtpHost, smtpPort, smtpSecurity, smtpUsername, null,
                fromAddress, recipients, followUps, version);
    }

    private List<String> addresses() {
        return blank(recipients) ? List.of()
                : Arrays.stream(recipients.strip().split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    static String key(ChannelKind kind) {
        return kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
    }

    private static Integer number(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orNull(String text) {
        return blank(text) ? null : text;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
