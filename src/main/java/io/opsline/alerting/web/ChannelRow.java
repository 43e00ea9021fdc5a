package io.opsline.alerting.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.opsline.alerting.internal.notify.Channel;
import io.opsline.alerting.internal.notify.ChannelHealth;
import io.opsline.alerting.internal.notify.ChannelKind;

/** A channel in the list: where it sends to, in words, and how its health is shown. */
public record ChannelRow(Channel channel, String destination) {

    /** Failing channels first (someone must look at them), then untested ones, then the rest; by name within each. */
    static List<ChannelRow> of(List<Channel> channels) {
        return channels.stream()
                .sorted(Comparator.comparingInt((Channel c) -> rank(c.health().status()))
                        .thenComparing(c -> c.name().toLowerCase(Locale.ROOT)))
                .map(c -> new ChannelRow(c, c.kind() == ChannelKind.EMAIL ? String.join(", ", c.recipients())
                        : c.urlHint()))
                .toList();
    }

    public String healthClass() {
        return healthClass(channel.health().status());
    }

    public String kindLabel() {
        return kindLabel(channel.kind());
    }

    static String healthClass(ChannelHealth.Status status) {
        return switch (status) {
            case FAILING -> "badge-danger";
            case UNTESTED -> "badge-warning";
            case OK -> "badge-ok";
        };
    }

    static String kindLabel(ChannelKind kind) {
        return switch (kind) {
            case EMAIL -> "Email";
            case WEBHOOK -> "Webhook";
            case SLACK -> "Slack";
            case TEAMS -> "Teams";
        };
    }

    private static int rank(ChannelHealth.Status status) {
        return switch (status) {
            case FAILING -> 0;
            case UNTESTED -> 1;
            case OK -> 2;
        };
    }
}
