package io.opsline.servicedesk.internal.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsline.servicedesk.Priority;

/**
 * The service desk's figures for a period: what is open now, how fast incidents were answered (MTTA)
 * and resolved (MTTR) — both counted from when the trouble began — day by day, and where incidents come
 * from. {@code asOf} says when the figures were computed (reports are reused for a few seconds).
 */
public record ServiceDeskReport(ReportPeriod period, Instant asOf, Backlog backlog, Times response,
        Times resolution, Sla sla, List<Day> days, List<Count> services, List<Count> ciClasses) {

    /** Open incidents now, by priority and by team. */
    public record Backlog(long total, Map<Priority, Long> byPriority, List<TeamBacklog> byTeam) {
    }

    /** One team's open incidents; a null team means nobody's yet. */
    public record TeamBacklog(UUID teamId, String team, long total, Map<Priority, Long> byPriority) {
    }

    /** How many incidents in the period were answered (or resolved) and how long it took on average, in seconds. */
    public record Times(long count, Double averageSeconds, Map<Priority, Figure> byPriority) {
    }

    public record Figure(long count, Double averageSeconds) {
    }

    /**
     * SLA compliance over the period: of the clocks that stopped in it (the first response or the
     * resolution came), how many stopped before their target.
     */
    public record Sla(Share response, Share resolution) {
    }

    /** {@code met} of {@code measured}; the percentage (one decimal) is null when nothing was measured. */
    public record Share(long measured, long met, Double percent) {

        public static Share of(long measured, long met) {
            return new Share(measured, met, measured == 0 ? null : Math.round(1000.0 * met / measured) / 10.0);
        }
    }

    /**
     * One day: opened, answered and resolved that day, with the day's MTTA and MTTR in seconds and
     * the share of resolution SLAs met among the clocks that stopped that day.
     */
    public record Day(LocalDate day, long opened, long responded, Double mttaSeconds, long resolved,
            Double mttrSeconds, Share resolutionSla) {
    }

    /** Incidents opened in the period per business service or CI class, most first. */
    public record Count(String key, UUID id, String name, long incidents) {
    }
}
