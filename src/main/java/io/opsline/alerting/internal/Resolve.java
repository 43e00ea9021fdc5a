package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

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
        var events = arrivals.stream().collect(Collectors.groupingBy(Arrival::fingerprint, Collectors.counting()));
        return arrivals.stream().filter(arrival -> arrival.event().action() == EventAction.RESOLVE
                && events.get(arrival.fingerprint()) == 1)
                .map(arrival -> new Resolve(arrival.fingerprint(), arrival.event().occurredAt(),
                        arrival.event().source()))
                .toList();
    }
}
