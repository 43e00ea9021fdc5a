/**
 * Alerting: one intake for every detector's events (monitoring, metrics rules, Alertmanager,
 * PagerDuty-style senders, plain JSON), deduplicated by fingerprint into alerts that know their CI;
 * later correlation, silences, notification channels, on-call and escalation.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Alerting",
        allowedDependencies = {"platform", "identity", "inventory", "monitoring", "metrics"})
package io.opsline.alerting;
