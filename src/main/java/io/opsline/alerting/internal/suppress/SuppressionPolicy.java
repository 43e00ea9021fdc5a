package io.opsline.alerting.internal.suppress;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.Alerts;
import io.opsline.inventory.CiDeleted;
import io.opsline.inventory.CiSaved;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;

/**
 * Decides whether an open alert is suppressed, and why. Reasons, in the order they are looked for:
 * <ol>
 * <li>{@code silence:<id>}: an active silence matches its labels (see {@link AlertLabels});</li>
 * <li>{@code maintenance:<downtime id>}: an active maintenance window covers its CI; or
 * {@code maintenance:in-downtime} when the event said {@code in_downtime=true} and no window on its CI
 * is known (yet), for {@code opsline.alerting.suppression-grace} after the alert opened;</li>
 * <li>{@code caused-by-ci:<CI id>}: the event's {@code caused_by_ci} says monitoring found the problem
 * a consequence of that CI being down. It holds while that CI has an open alert, and at first for the
 * grace even without one, because the cause's own alert may be stored moments later;</li>
 * <li>{@code inhibited-by:<alert id>}: topology. A WARNING or INFO alert on a CI is inhibited by an
 * active CRITICAL alert on a CI it runs on or is connected to, directly or through others
 * ({@link Inventory#parents}). An ERROR alert is not: it is a problem worth its own look;</li>
 * <li>{@code inhibited-by:<alert id>}: an {@link InhibitionRule} whose source matches an active alert.</li>
 * </ol>
 * An alert keeps the reason it has while that still holds, so that it does not flap between reasons.
 */
@Component
public class SuppressionPolicy {

    static final String SILENCE = "silence:";
    static final String MAINTENANCE = "maintenance:";
    static final String IN_DOWNTIME = MAINTENANCE + "in-downtime";
    static final String CAUSED_BY_CI = "caused-by-ci:";
    static final String INHIBITED_BY = "inhibited-by:";
    static final Set<AlertStatus> OPEN = EnumSet.of(AlertStatus.FIRING, AlertStatus.ACKNOWLEDGED,
            AlertStatus.SUPPRESSED);
    static final Set<AlertStatus> ACTIVE = EnumSet.of(AlertStatus.FIRING, AlertStatus.ACKNOWLEDGED);
    /** Beyond this many remembered CIs the memory of parents is simply started afresh. */
    private static final int MAX_REMEMBERED = 100_000;

    private final SuppressionState state;
    private final Alerts alerts;
    private final Inventory inventory;
    private final Duration grace;
    private final long cacheNanos;
    private final ConcurrentHashMap<UUID, Remembered> parents = new ConcurrentHashMap<>();

    SuppressionPolicy(SuppressionState state, Alerts alerts, Inventory inventory, AlertingProperties properties) {
        this.state = state;
        this.alerts = alerts;
        this.inventory = inventory;
        this.grace = properties.suppressionGrace();
        this.cacheNanos = properties.ciCacheTime().toNanos();
    }

    private record Remembered(Set<UUID> parents, long until) {
    }

    /**
     * Why each of these alerts, just opened in the intake's transaction, is to be suppressed; alerts
     * missing from the answer are active. Silences, windows and rules come from memory; only what
     * inhibition needs is read: open alerts on the CIs the new ones depend on or name as their cause
     * (all open alerts when an inhibition rule targets a new one). A critical alert opened in the same
     * batch inhibits like a stored one.
     */
    public Map<UUID, String> reasonsForOpening(Collection<Alert> opening) {
        if (opening.isEmpty()) {
            return Map.of();
        }
        var snapshot = state.current();
        var now = Jdbc.now();
        var labels = new HashMap<UUID, Map<String, String>>();
        opening.forEach(alert -> labels.put(alert.id(), AlertLabels.of(alert)));
        var ruled = opening.stream().anyMatch(alert -> snapshot.rules().stream()
                .anyMatch(rule -> rule.targets(labels.get(alert.id()))));
        var open = new OpenAlerts(alerts.findOpen(OPEN, ruled ? null : cisToConsult(opening)));
        var reasons = new HashMap<UUID, String>();
        opening.stream().sorted(Comparator.comparing(Alert::severity)).forEach(alert -> {
            var reason = reasonFor(alert, open, snapshot, now);
            if (reason == null) {
                open.add(alert);
            } else {
                reasons.put(alert.id(), reason);
            }
        });
        return reasons;
    }

    /** Why the alert is to be suppressed now, null when it is to be active. */
    String reasonFor(Alert alert, OpenAlerts open, SuppressionState.Snapshot snapshot, Instant now) {
        var current = alert.suppressedBy();
        if (current != null && reasons(alert, open, snapshot, now).anyMatch(current::equals)) {
            return current;
        }
        return reasons(alert, open, snapshot, now).findFirst().orElse(null);
    }

    private Stream<String> reasons(Alert alert, OpenAlerts open, SuppressionState.Snapshot snapshot, Instant now) {
        var labels = open.labelsOf(alert);
        var fresh = alert.firstSeen().plus(grace).isAfter(now);
        Stream<Supplier<Stream<String>>> kinds = Stream.of(
                () -> snapshot.silences().stream()
                        .filter(silence -> silence.activeAt(now) && Matcher.all(silence.matchers(), labels))
                        .map(Silence::reason),
                () -> maintenance(alert, snapshot, now, fresh),
                () -> causedBy(alert, open, fresh),
                () -> topology(alert, open),
                () -> snapshot.rules().stream().filter(rule -> rule.targets(labels))
                        .flatMap(rule -> open.active().stream().filter(source -> !source.id().equals(alert.id())
                                && rule.inhibits(open.labelsOf(source), labels)))
                        .map(source -> INHIBITED_BY + source.id()));
        return kinds.flatMap(Supplier::get);
    }

    private static Stream<String> maintenance(Alert alert, SuppressionState.Snapshot snapshot, Instant now,
            boolean fresh) {
        var windows = alert.ciId() == null ? Stream.<String>empty()
                : snapshot.windows().stream().filter(w -> w.activeAt(now) && w.ciIds().contains(alert.ciId()))
                        .map(MaintenanceWindow::reason);
        var said = fresh && "true".equals(alert.details().get("in_downtime")) ? Stream.of(IN_DOWNTIME)
                : Stream.<String>empty();
        return Stream.concat(windows, said);
    }

    private static Stream<String> causedBy(Alert alert, OpenAlerts open, boolean fresh) {
        var cause = Ids.parseOrNull(alert.details().getOrDefault("caused_by_ci", ""));
        if (cause == null || cause.equals(alert.ciId()) || !(fresh || open.anyOpenOn(cause))) {
            return Stream.empty();
        }
        return Stream.of(CAUSED_BY_CI + cause);
    }

    private Stream<String> topology(Alert alert, OpenAlerts open) {
        if (alert.ciId() == null || !open.anyActiveCritical()
                || alert.severity() != Severity.WARNING && alert.severity() != Severity.INFO) {
            return Stream.empty();
        }
        return open.activeCriticalOn(parentsOf(alert.ciId())).map(source -> INHIBITED_BY + source.id());
    }

    /** The CIs whose alerts may inhibit or cause these alerts. */
    private Set<UUID> cisToConsult(Collection<Alert> opening) {
        var cis = new HashSet<UUID>();
        for (var alert : opening) {
            if (alert.ciId() != null && (alert.severity() == Severity.WARNING || alert.severity() == Severity.INFO)) {
                cis.addAll(parentsOf(alert.ciId()));
            }
            var cause = Ids.parseOrNull(alert.details().getOrDefault("caused_by_ci", ""));
            if (cause != null) {
                cis.add(cause);
            }
        }
        return cis;
    }

    /** {@link Inventory#parents}, remembered for {@code opsline.alerting.ci-cache-time}. */
    Set<UUID> parentsOf(UUID ciId) {
        var now = System.nanoTime();
        var known = parents.get(ciId);
        if (known != null && now - known.until() < 0) {
            return known.parents();
        }
        var found = inventory.parents(ciId);
        if (parents.size() >= MAX_REMEMBERED) {
            parents.clear();
        }
        parents.put(ciId, new Remembered(found, now + cacheNanos));
        return found;
    }

    @EventListener
    void on(CiSaved saved) {
        parents.clear();
    }

    @EventListener
    void on(CiDeleted deleted) {
        parents.clear();
    }
}
