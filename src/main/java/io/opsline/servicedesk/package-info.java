/**
 * The service desk: incidents with priority, lifecycle and timeline, fed by alerting and the
 * inventory; SLA clocks on business calendars; problems, service requests, the knowledge base and
 * the self-service portal.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Service desk",
        allowedDependencies = {"platform", "identity", "inventory", "alerting", "monitoring"})
package io.opsline.servicedesk;
