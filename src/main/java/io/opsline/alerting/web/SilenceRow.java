package io.opsline.alerting.web;

import java.util.stream.Collectors;

import io.opsline.alerting.internal.suppress.Silence;
import io.opsline.alerting.internal.suppress.SilenceState;

/**
 * A silence as its list shows it.
 *
 * @param matchingOpenAlerts how many open alerts its matchers match now, suppressed by it or not
 */
public record SilenceRow(Silence silence, long matchingOpenAlerts) {

    /** The matchers as Alertmanager writes them: {@code source="nagios", alertname=~"Disk.*"}. */
    public String matchers() {
        return silence.matchers().stream().map(m -> m.name() + m.operator().symbol() + '"' + m.value() + '"')
                .collect(Collectors.joining(", "));
    }

    public boolean over() {
        return silence.state() == SilenceState.EXPIRED;
    }

    public String stateLabel() {
        return AlertRow.label(silence.state().name());
    }

    public String stateClass() {
        return switch (silence.state()) {
            case ACTIVE -> "badge-maintenance";
            case PENDING -> "badge-info";
            case EXPIRED -> "badge-retired";
        };
    }
}
