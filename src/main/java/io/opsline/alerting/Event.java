package io.opsline.alerting;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event from any detector, in the one shape the intake understands: what every source's own
 * format (Alertmanager, PagerDuty Events v2, plain JSON, monitoring's state changes) is turned into.
 *
 * @param source who sent it: {@code monitoring}, or the name of the integration it came through
 * @param dedupKey the sender's own key for "the same problem" (Alertmanager's fingerprint,
 *        PagerDuty's dedup_key, a check id); null lets the intake make one from the labels
 * @param summary one line a person reads first
 * @param labels what identifies the problem (alert name, instance, job, …), used for grouping
 *        and, without a dedup key, for the fingerprint
 * @param details everything else worth showing (Alertmanager's annotations, PagerDuty's custom
 *        details, a check's output)
 * @param occurredAt when the sender says it happened; the intake's clock when it did not say
 * @param link where to look (a generator URL, a runbook), or null
 */
public record Event(String source, String dedupKey, EventAction action, Severity severity, String summary,
        Map<String, String> labels, Map<String, String> details, CiHint ci, Instant occurredAt, String link) {

    public Event {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(occurredAt, "occurredAt");
        summary = summary == null ? "" : summary;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        details = details == null ? Map.of() : Map.copyOf(details);
        ci = ci == null ? CiHint.NONE : ci;
    }
}
