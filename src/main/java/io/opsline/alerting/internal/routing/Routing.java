package io.opsline.alerting.internal.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.routing.RoutingVerdict.ConditionVerdict;
import io.opsline.alerting.internal.routing.RoutingVerdict.RuleVerdict;

/**
 * Which escalation policy an alert goes to: the first enabled rule, in position order, whose every
 * condition the alert meets. No match means no routing: the alert is kept and shown, but nobody is
 * paged. Called for every new alert group, so the rules are held in memory with their conditions
 * prepared; a change on this node drops them once it is committed, a change on another node counts
 * here after at most {@code opsline.alerting.routing-cache-time}.
 */
@Service
public class Routing {

    /** A rule with its conditions prepared for matching. */
    private record Prepared(RoutingRule rule, List<Condition> conditions) {

        boolean matches(RoutableAlert alert, Instant at) {
            if (!rule.enabled()) {
                return false;
            }
            for (var condition : conditions) {
                if (!condition.test(alert, at)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Snapshot(List<Prepared> rules, long loadedAt) {
    }

    private final RoutingRuleRepository rules;
    private final long cacheNanos;
    private final ReentrantLock loading = new ReentrantLock();
    /** Counts changes, so that rules read before a change committed are not kept after it. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot;

    Routing(RoutingRuleRepository rules, AlertingProperties properties) {
        this.rules = rules;
        this.cacheNanos = properties.routingCacheTime().toNanos();
    }

    /** The route of an alert arriving at {@code at}; empty when no enabled rule matches it. */
    public Optional<Route> route(RoutableAlert alert, Instant at) {
        for (var prepared : current()) {
            if (prepared.matches(alert, at)) {
                var rule = prepared.rule();
                return Optional.of(new Route(rule.id(), rule.name(), rule.policyId()));
            }
        }
        return Optional.empty();
    }

    /** The route and, for every rule in order, which of its conditions the alert meets and which not. */
    public RoutingVerdict explain(RoutableAlert alert, Instant at) {
        Route route = null;
        var verdicts = new ArrayList<RuleVerdict>();
        for (var prepared : current()) {
            var rule = prepared.rule();
            var conditions = prepared.conditions().stream()
                    .map(c -> new ConditionVerdict(c.name(), c.test(alert, at), c.wants(), c.has(alert, at)))
                    .toList();
            var matches = prepared.matches(alert, at);
            var chosen = matches && route == null;
            if (chosen) {
                route = new Route(rule.id(), rule.name(), rule.policyId());
            }
            verdicts.add(new RuleVerdict(rule.id(), rule.name(), rule.position(), rule.enabled(), matches, chosen,
                    conditions));
        }
        return new RoutingVerdict(at, route, verdicts);
    }

    /** Drops the rules held in memory once the current transaction commits (at once outside one). */
    void forget() {
        changes.incrementAndGet();
        snapshot = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changes.incrementAndGet();
                    snapshot = null;
                }
            });
        }
    }

    private List<Prepared> current() {
        var held = snapshot;
        if (held != null && System.nanoTime() - held.loadedAt() < cacheNanos) {
            return held.rules();
        }
        // One thread reads the rules again; the others go on with the ones held, when there are any.
        if (held != null && !loading.tryLock()) {
            return held.rules();
        }
        if (held == null) {
            loading.lock();
        }
        try {
            var fresh = snapshot;
            if (fresh != null && fresh != held && System.nanoTime() - fresh.loadedAt() < cacheNanos) {
                return fresh.rules();
            }
            var loadedAt = System.nanoTime();
            var seen = changes.get();
            var prepared = rules.findAll().stream().map(r -> new Prepared(r, r.conditions().conditions())).toList();
            if (changes.get() == seen) {
                snapshot = new Snapshot(prepared, loadedAt);
            }
            return prepared;
        } finally {
            loading.unlock();
        }
    }
}
