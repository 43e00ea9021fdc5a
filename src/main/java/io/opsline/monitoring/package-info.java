/**
 * Monitoring: checks on configuration items, their scheduler and executors, and the states an
 * operator acts on (Nagios semantics: soft and hard states, flapping, downtimes,
 * acknowledgements).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Monitoring",
        allowedDependencies = {"platform", "identity", "inventory", "metrics"})
package io.opsline.monitoring;
