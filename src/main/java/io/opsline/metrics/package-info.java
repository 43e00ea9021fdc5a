/**
 * Metrics: time series of numbers about configuration items, kept compactly in Opsline's own
 * database. Samples come from monitoring's checks, from Prometheus scrape targets and from
 * Prometheus remote write; they go out as graphs, through a Prometheus-compatible query API and as
 * threshold rules that raise alerts.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Metrics",
        allowedDependencies = {"platform", "identity", "inventory"})
package io.opsline.metrics;
