package io.opsline.alerting.internal;

import java.util.Collection;
import java.util.TreeMap;

import io.opsline.alerting.Event;
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
}
