package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.opsline.alerting.EventAction;

/**
 * A resolve that is its fingerprint's only event in a batch: if the fingerprint has an open alert,
 * that alert is resolved and nothing else happens to it in the batch, so the intake can resolve it
 * without locking and reading it first. A fingerprint with more events (a resolve and a trigger that
 * opens it again) takes the locked path, where they apply in order.
 */
record Resolve(String fingerprint, Instant at, String by) {

    /** The resolves among these arrivals that are their fingerprints' only events. */
    static List<Resolve> of(List<Arrival> arrivals) {
        var byFingerprint = new LinkedHashMap<String, Arrival>();
        var more = new ArrayList<String>();
        for (var arrival : arrivals) {
            if (byFingerprint.putIfAbsent(arrival.fingerprint(), arrival) != null) {
                more.add(arrival.fingerprint());
            }
        }
        more.forEach(byFingerprint::remove);
        return byFingerprint.values().stream().filter(arrival -> arrival.event().action() == EventAction.RESOLVE)
                .map(arrival -> new Resolve(arrival.fingerprint(), arrival.event().occurredAt(),
                        arrival.event().source()))
                .toList();
    }
}
