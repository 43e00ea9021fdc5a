package io.opsline.servicedesk.internal.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.ServiceDeskProperties;
import io.opsline.servicedesk.internal.report.ServiceDeskReport.Backlog;
import io.opsline.servicedesk.internal.report.ServiceDeskReport.Count;
import io.opsline.servicedesk.internal.report.ServiceDeskReport.Day;
import io.opsline.servicedesk.internal.report.ServiceDeskReport.Figure;
import io.opsline.servicedesk.internal.report.ServiceDeskReport.TeamBacklog;
import io.opsline.servicedesk.internal.report.ServiceDeskReport.Times;

/**
 * Computes service-desk reports. A report is reused for {@code opsline.servicedesk.report-freshness}:
 * a dashboard reloaded by many people costs one computation per interval, people asking at the same
 * moment wait for the same one, and after the interval the next asker gets the last report at once
 * while its successor is computed in the background (the page says how old its figures are).
 */
@Service
public class ServiceDeskReports {

    /** Services listed at most. */
    private static final int TOP_SERVICES = 20;
    /** CIs whose incidents are counted per class at most, the most affected first. */
    private static final int CLASS_CIS = 10_000;
    private static final int KEPT_REPORTS = 100;

    private final ReportRepository reports;
    private final Teams teams;
    private final Inventory inventory;
    private final long freshnessNanos;
    private final ConcurrentHashMap<ReportPeriod, Computed> recent = new ConcurrentHashMap<>();

    /**
     * A report as computed at {@code atNanos}, or being computed; {@code previous} is the one it replaces,
     * answered meanwhile.
     */
    private record Computed(long atNanos, CompletableFuture<ServiceDeskReport> report, ServiceDeskReport previous) {

        boolean usable() {
            return !report.isCompletedExceptionally();
        }
    }

    ServiceDeskReports(ReportRepository reports, Teams teams, Inventory inventory, ServiceDeskProperties properties) {
        this.reports = reports;
        this.teams = teams;
        this.inventory = inventory;
        this.freshnessNanos = properties.reportFreshness().toNanos();
    }

    /**
     * The report for this period. The first asker of a scope waits for it to be computed; once one
     * exists, an asker after the freshness time gets it at once while a new one is computed in the
     * background, so nobody waits for a computation another has already paid for.
     */
    public ServiceDeskReport report(ReportPeriod period) {
        var now = System.nanoTime();
        var mine = new CompletableFuture<ServiceDeskReport>();
        var entry = recent.compute(period, (key, current) -> {
            if (current == null || !current.usable()) {
                return new Computed(now, mine, current == null ? null : current.previous());
            }
            if (now - current.atNanos() >= freshnessNanos && current.report().isDone()) {
                return new Computed(now, mine, current.report().join());
            }
            return current;
        });
        if (entry.report() == mine) {
            forgetOld(now);
            if (entry.previous() != null) {
                Thread.ofVirtual().name("servicedesk-report").start(() -> computeInto(period, mine));
                return entry.previous();
            }
            computeInto(period, mine);
        }
        if (!entry.report().isDone() && entry.previous() != null) {
            return entry.previous();
        }
        try {
            return entry.report().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void computeInto(ReportPeriod period, CompletableFuture<ServiceDeskReport> into) {
        try {
            into.complete(compute(period));
        } catch (RuntimeException e) {
            // The next asker computes again (waiting only when there is no earlier report to answer with).
            into.completeExceptionally(e);
        }
    }

    private void forgetOld(long now) {
        if (recent.size() > KEPT_REPORTS) {
            recent.entrySet().removeIf(e -> now - e.getValue().atNanos() >= freshnessNanos);
        }
    }

    private ServiceDeskReport compute(ReportPeriod period) {
        var asOf = Jdbc.now();
        var responded = reports.responded(period);
        var resolved = reports.resolved(period);
        var compliance = reports.slaCompliance(period);
        return new ServiceDeskReport(period, asOf, backlog(period), times(responded), times(resolved),
                new ServiceDeskReport.Sla(share(compliance, "RESPONSE"), share(compliance, "RESOLUTION")),
                days(period, reports.opened(period), responded, resolved, compliance), services(period),
                ciClasses(period));
    }

    private Backlog backlog(ReportPeriod period) {
        var open = reports.backlog(period);
        var byPriority = zeroes();
        var byTeam = new HashMap<UUID, Map<Priority, Long>>();
        for (var row : open) {
            byPriority.merge(row.priority(), row.count(), Long::sum);
            byTeam.computeIfAbsent(row.teamId(), t -> zeroes()).merge(row.priority(), row.count(), Long::sum);
        }
        var names = teams.names(byTeam.keySet().stream().filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        var teamRows = byTeam.entrySet().stream()
                .map(e -> new TeamBacklog(e.getKey(), e.getKey() == null ? null : names.get(e.getKey()),
                        total(e.getValue()), e.getValue()))
                .sorted(Comparator.comparingLong(TeamBacklog::total).reversed()
                        .thenComparing(t -> t.team() == null ? "" : t.team()))
                .toList();
        return new Backlog(total(byPriority), byPriority, teamRows);
    }

    private static Times times(List<ReportRepository.Timing> rows) {
        var counts = new EnumMap<Priority, long[]>(Priority.class);
        var seconds = new EnumMap<Priority, double[]>(Priority.class);
        for (var row : rows) {
            counts.computeIfAbsent(row.priority(), p -> new long[1])[0] += row.count();
            seconds.computeIfAbsent(row.priority(), p -> new double[1])[0] += row.totalSeconds();
        }
        var byPriority = new EnumMap<Priority, Figure>(Priority.class);
        long count = 0;
        double total = 0;
        for (var priority : Priority.values()) {
            var n = counts.containsKey(priority) ? counts.get(priority)[0] : 0;
            var s = seconds.containsKey(priority) ? seconds.get(priority)[0] : 0;
            byPriority.put(priority, new Figure(n, average(s, n)));
            count += n;
            total += s;
        }
        return new Times(count, average(total, count), byPriority);
    }

    private static ServiceDeskReport.Share share(List<ReportRepository.Compliance> rows, String kind) {
        return ServiceDeskReport.Share.of(
                rows.stream().filter(r -> r.kind().equals(kind)).mapToLong(ReportRepository.Compliance::stopped).sum(),
                rows.stream().filter(r -> r.kind().equals(kind)).mapToLong(ReportRepository.Compliance::met).sum());
    }

    private static List<Day> days(ReportPeriod period, List<ReportRepository.Timing> opened,
            List<ReportRepository.Timing> responded, List<ReportRepository.Timing> resolved,
            List<ReportRepository.Compliance> compliance) {
        var resolutionSla = compliance.stream().filter(c -> c.kind().equals("RESOLUTION"))
                .collect(Collectors.toMap(ReportRepository.Compliance::day,
                        c -> ServiceDeskReport.Share.of(c.stopped(), c.met())));
        var openedByDay = perDay(opened);
        var respondedByDay = perDay(responded);
        var resolvedByDay = perDay(resolved);
        var days = new ArrayList<Day>();
        for (var day = period.from(); day.isBefore(period.to()); day = day.plusDays(1)) {
            var o = openedByDay.getOrDefault(day, new double[2]);
            var a = respondedByDay.getOrDefault(day, new double[2]);
            var r = resolvedByDay.getOrDefault(day, new double[2]);
            days.add(new Day(day, (long) o[0], (long) a[0], average(a[1], (long) a[0]), (long) r[0],
                    average(r[1], (long) r[0]), resolutionSla.getOrDefault(day, ServiceDeskReport.Share.of(0, 0))));
        }
        return days;
    }

    /** Per day: count and summed seconds over every priority. */
    private static Map<LocalDate, double[]> perDay(List<ReportRepository.Timing> rows) {
        var days = new TreeMap<LocalDate, double[]>();
        for (var row : rows) {
            var figures = days.computeIfAbsent(row.day(), d -> new double[2]);
            figures[0] += row.count();
            figures[1] += row.totalSeconds();
        }
        return days;
    }

    private List<Count> services(ReportPeriod period) {
        var rows = reports.services(period, TOP_SERVICES);
        var names = inventory.findAll(rows.stream().map(ReportRepository.Linked::id).toList());
        return rows.stream().map(r -> new Count(r.id().toString(), r.id(),
                names.containsKey(r.id()) ? names.get(r.id()).name() : null, r.count())).toList();
    }

    /** Incidents per class of their CIs: an incident on two servers counts twice for servers. */
    private List<Count> ciClasses(ReportPeriod period) {
        var rows = reports.cis(period, CLASS_CIS);
        var ids = rows.stream().map(ReportRepository.Linked::id).toList();
        var found = new HashMap<UUID, CiSummary>();
        for (var from = 0; from < ids.size(); from += 500) {
            found.putAll(inventory.findAll(new HashSet<>(ids.subList(from, Math.min(ids.size(), from + 500)))));
        }
        var perClass = new HashMap<String, Long>();
        for (var row : rows) {
            var ci = found.get(row.id());
            perClass.merge(ci == null ? "deleted" : ci.ciClass().key(), row.count(), Long::sum);
        }
        return perClass.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Count(e.getKey(), null, label(e.getKey()), e.getValue())).toList();
    }

    private static String label(String classKey) {
        return java.util.Arrays.stream(io.opsline.inventory.CiClass.values()).filter(c -> c.key().equals(classKey))
                .map(io.opsline.inventory.CiClass::label).findFirst().orElse("Deleted CIs");
    }

    private static Map<Priority, Long> zeroes() {
        return new EnumMap<>(java.util.Arrays.stream(Priority.values())
                .collect(Collectors.toMap(Function.identity(), p -> 0L)));
    }

    private static long total(Map<Priority, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Double average(double totalSeconds, long count) {
        return count == 0 ? null : Math.round(totalSeconds / count * 10) / 10.0;
    }
}
