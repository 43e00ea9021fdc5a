package io.opsline.alerting.internal;

/** Which format an integration's sender speaks. */
public enum IntegrationKind {
    /** Prometheus Alertmanager's webhook receiver (payload version 4). */
    ALERTMANAGER,
    /** PagerDuty's Events API v2; the key goes in the body as routing_key. */
    PAGERDUTY,
    /** Opsline's own JSON events. */
    GENERIC
}
