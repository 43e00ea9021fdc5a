package io.opsline.metrics.internal.rules;

import java.time.Instant;
import java.util.UUID;

import io.opsline.metrics.Labels;

/**
 * Where one series of a rule stands when it is not inactive.
 *
 * @param seriesKey the SHA-256 of the labels' Prometheus text: the key of the state row and of the alert
 * @param activeSince when its value first compared true (the {@code for} duration counts from there)
 * @param firedAt when it fired, null while pending
 * @param value its value at the last evaluation
 */
public record SeriesState(UUID ruleId, String seriesKey, Labels labels, Phase phase, Instant activeSince,
        Instant firedAt, double value, Instant evaluatedAt) {

    /** The two states a series is kept in; inactive ones have no row. */
    public enum Phase {
        PENDING, FIRING
    }
}
