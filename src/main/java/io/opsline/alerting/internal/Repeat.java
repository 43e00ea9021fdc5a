package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;

/**
 * The triggers of one fingerprint in a batch that all say the same thing: if its open alert says it
 * too, they only count (occurrences, first and last seen) and change nothing else, which the intake
 * stores in the alert's activity row without reading the alert. Most events of an outage are such
 * repeats. A repeat with a link says the same only to an alert with that link.
 */
record Repeat(String fingerprint, long count, Instant earliest, Instant latest, Severity severity, String summary,
        Map<String, String> labels, Map<String, String> details, String link) {

    /** The repeats among these arrivals: fingerprints with only triggers, all saying the same. */
    static List<Repeat> of(List<Arrival> arrivals) {
        var byFingerprint = new LinkedHashMap<String, List<Event>>();
        for (var arrival : arrivals) {
            byFingerprint.computeIfAbsent(arrival.fingerprint(), f -> new ArrayList<>()).add(arrival.event());
        }
        var repeats = new ArrayList<Repeat>();
        byFingerprint.forEach((fingerprint, events) -> {
            var first = events.get(0);
            if (events.stream().allMatch(e -> e.action() == EventAction.TRIGGER && saysTheSame(first, e))) {
                var earliest = events.stream().map(Event::occurredAt).min(Instant::compareTo).orElseThrow();
                var latest = events.stream().map(Event::occurredAt).max(Instant::compareTo).orElseThrow();
                repeats.add(new Repeat(fingerprint, events.size(), earliest, latest, first.severity(), first.summary(),
                        first.labels(), first.details(), first.link()));
            }
        });
        return repeats;
    }

    /** A digest of what these repeats say; the same as their alert's when it says the same. */
    String contentHash() {
        return Fingerprints.content(severity, summary, labels, details, link);
    }

    private static boolean saysTheSame(Event a, Event b) {
        return a.severity() == b.severity() && a.summary().equals(b.summary()) && a.labels().equals(b.labels())
                && a.details().equals(b.details()) && Objects.equals(a.link(), b.link());
    }
}
