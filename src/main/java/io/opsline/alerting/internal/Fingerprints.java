package io.opsline.alerting.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opsline.alerting.Event;
import io.opsline.alerting.Severity;
import io.opsline.platform.Sha256;

/**
 * What makes two events "the same problem": the source and the sender's dedup key when it gave
 * one, else the source and the labels (all of them, or those an integration names), else the
 * source and the summary. Hashed to a fixed 64 hex characters, so that keys of any length and
 * language index alike.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * @param fields the label names that identify a problem for this source; empty for all labels
     */
    static String of(Event event, Collection<String> fields) {
        var text = new StringBuilder(event.source()).append('\u0000');
        if (event.dedupKey() != null && !event.dedupKey().isBlank()) {
            text.append("key\u0000").append(event.dedupKey());
        } else if (!event.labels().isEmpty()) {
            var labels = new TreeMap<>(event.labels());
            if (!fields.isEmpty()) {
                labels.keySet().retainAll(fields);
            }
            text.append("labels");
            // NUL cannot occur in a JSON string a sender means, so no label can pose as two.
            labels.forEach((name, value) -> text.append('\u0000').append(name).append('=').append(value));
        } else {
            text.append("summary\u0000").append(event.summary());
        }
        return Sha256.hex(text.toString());
    }

    /** A digest of what an event says, the same as its alert's when the alert says the same. */
    static String content(Event event) {
        return content(event.severity(), event.summary(), event.labels(), event.details(), event.link());
    }

    /**
     * A digest of what an alert says, to tell at once whether a repeat says anything new. Labels
     * and details in name order, so that the order a sender lists them in does not matter.
     */
    static String content(Severity severity, String summary, Map<String, String> labels,
            Map<String, String> details, String link) {
        var text = new StringBuilder(severity.name()).append('\u0000').append(summary);
        for (var map : List.of(labels, details)) {
            text.append('\u0000');
            new TreeMap<>(map).forEach((name, value) -> text.append('\u0001').append(name).append('=').append(value));
        }
        return Sha256.hex(text.append('\u0000').append(link == null ? "" : link).toString());
    }
}
