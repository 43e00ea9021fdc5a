package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.opsline.alerting.EventAction;

/**
 * The triggers of one fingerprint in a batch that all say the same thing: if its open alert says it
 * too (the same {@code contentHash}), they only count (occurrences, first and last seen) and change
 * nothing else, which the intake stores in the alert's activity row without reading the alert. Most
 * events of an outage are such repeats. A repeat with a link says the same only to an alert with
 * that link.
 */
record Repeat(String fingerprint, long count, Instant earliest, Instant latest, String contentHash) {

    /** The repeats among these arrivals: fingerprints with only triggers, all saying the same. */
    static List<Repeat> of(List<Arrival> arrivals) {
        var byFingerprint = new LinkedHashMap<String, List<Arrival>>();
        for (var arrival : arrivals) {
            byFingerprint.computeIfAbsent(arrival.fingerprint(), f -> new ArrayList<>(1)).add(arrival);
        }
        var repeats = new ArrayList<Repeat>();
        byFingerprint.forEach((fingerprint, same) -> {
            var contentHash = same.getFirst().contentHash();
            var earliest = same.getFirst().event().occurredAt();
            var latest = earliest;
            for (var arrival : same) {
                if (arrival.event().action() != EventAction.TRIGGER || !arrival.contentHash().equals(contentHash)) {
                    return;
                }
                var at = arrival.event().occurredAt();
                earliest = at.isBefore(earliest) ? at : earliest;
                latest = at.isAfter(latest) ? at : latest;
            }
            repeats.add(new Repeat(fingerprint, same.size(), earliest, latest, contentHash));
        });
        return repeats;
    }
}
