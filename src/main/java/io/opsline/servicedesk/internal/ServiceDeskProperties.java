package io.opsline.servicedesk.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * How the service desk runs.
 *
 * @param priorityMatrix the priority for each impact (rows: high, medium, low) and urgency (columns,
 *        the same order), e.g. {@code P1,P2,P3}; checked at start-up
 * @param categories what an incident may be filed under
 * @param autoCloseAfter how long a resolved incident stays open to a reopen before it closes by itself
 * @param slaCheckInterval how often each node looks for SLA clocks whose warning or breach has come
 *        (and SLA alerts to clear); a warning or breach is told at most this late
 * @param slaCheckBatch how many clocks one look deals with at most; the rest wait for the next
 * @param reportFreshness how long a node reuses a service-desk report it computed before it computes
 *        the next in the background (answering with the last meanwhile): each is computed at most once per
 *        interval however many people reload the dashboard
 * @param attachmentMaxSize the largest file an incident takes as an attachment; a larger one is refused
 *        with 413 and nothing stored (an incident takes at most 20)
 */
@Validated
@ConfigurationProperties("opsline.servicedesk")
public record ServiceDeskProperties(
        @DefaultValue({"P1,P2,P3", "P2,P3,P4", "P3,P4,P4"}) @NotEmpty List<String> priorityMatrix,
        @DefaultValue({"Hardware", "Software", "Network", "Database", "Access", "Security", "Other"})
        @NotEmpty List<String> categories,
        @DefaultValue("7d") @NotNull Duration autoCloseAfter,
        @DefaultValue("5s") @NotNull Duration slaCheckInterval,
        @DefaultValue("500") @Positive int slaCheckBatch,
        @DefaultValue("15s") @NotNull Duration reportFreshness,
        @DefaultValue("10MB") @NotNull DataSize attachmentMaxSize) {
}
