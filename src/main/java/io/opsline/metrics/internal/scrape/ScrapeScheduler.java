package io.opsline.metrics.internal.scrape;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.ingest.IngestLimits;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Secrets;

/**
 * Decides which targets this node scrapes and runs a {@link ScrapeLoop} for each. Every claim
 * interval it says it is alive, renews its leases, claims targets nobody's lease holds (a new one, or
 * a dead node's whose lease ran out) up to its fair share of the scraping nodes, gives back those
 * beyond it (so that a node that joins gets some), and compares what it holds with the loops it runs:
 * a loop starts for a newly held target, is replaced when its target changed (the new loop taking the
 * old one's series over), and stops when the target is gone or disabled (marking its series stale)
 * or held by another node now (leaving them be). A loop also stops by
 * itself when the lease it was given runs out unrenewed, so two nodes never scrape a target at once.
 */
public class ScrapeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScrapeScheduler.class);

    private final ScrapeTargetRepository repository;
    private final MetricStore store;
    private final MetricMetadata metadata;
    private final MetricsProperties.Scrape settings;
    private final IngestLimits limits;
    private final String node;
    private final Secrets secrets;
    private final Map<UUID, ScrapeLoop> loops = new HashMap<>();
    /** The HTTP clients of the loops, one per kind of client they need (see {@link ScrapeAccess#clientSettings}). */
    private final Map<ScrapeClient.Settings, ScrapeClient> clients = new HashMap<>();
    /** Kinds no loop used in the last round: their clients close if none uses them in the next either. */
    private Set<ScrapeClient.Settings> idle = Set.of();
    /** Held while the loops are compared and changed, and by start and stop; never across a scrape. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean running;
    private Thread claimer;

    ScrapeScheduler(ScrapeTargetRepository repository, MetricStore store, MetricMetadata metadata,
            MetricsProperties.Scrape settings, IngestLimits limits, Secrets secrets, String node) {
        this.repository = repository;
        this.secrets = secrets;
        this.metadata = metadata;
        this.store = store;
        this.settings = settings;
        this.limits = limits;
        this.node = node;
    }

    public String node() {
        return node;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            claimer = Thread.ofVirtual().name("scrape-claims-" + node).start(this::claimLoop);
        } finally {
            lock.unlock();
        }
    }

    /** Stops scraping and gives up this node's leases, so that another node takes its targets over at once. */
    @Override
    public void stop() {
        halt(true);
    }

    /** Stops scraping but keeps the leases until they run out, as a node that died would. */
    void stopWithoutRelease() {
        halt(false);
    }

    private void halt(boolean release) {
        Thread stopping;
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            stopping = claimer;
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(stopping);
        try {
            stopping.join(settings.claimInterval().toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            loops.values().forEach(loop -> loop.stop(false));
            for (var loop : loops.values()) {
                try {
                    loop.join(loop.target().timeoutMs() + 1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            loops.clear();
            try {
                if (release) {
                    repository.release(node);
                }
            } catch (RuntimeException e) {
                log.warn("Releasing the scrape leases of {} failed; other nodes take its targets when they run out", node, e);
            }
            clients.values().forEach(ScrapeClient::close);
            clients.clear();
            idle = Set.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        while (running) {
            try {
                claim();
            } catch (RuntimeException e) {
                log.warn("Claiming scrape targets failed on {}; retrying in {}", node, settings.claimInterval(), e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(settings.claimInterval().toMillis()));
        }
    }

    /** One round: renew, claim, and bring the loops in line with the targets held. */
    void claim() {
        lock.lock();
        try {
            if (running) {
                claimHeld();
            }
        } finally {
            lock.unlock();
        }
    }

    private void claimHeld() {
        var now = Jdbc.now();
        // The lease each loop is given is reckoned from before the statements, so a loop stops no later
        // than the row's lease ends.
        var until = now.plus(settings.lease());
        repository.renew(node, until);
        var enabled = repository.enabledIds();
        var share = fairShare(enabled.size(), repository.alive(node, now, now.plus(settings.claimInterval()
                .multipliedBy(3))));
        var held = held();
        var claimed = 0;
        for (var id : repository.unclaimed(now)) {
            if (held.size() + claimed >= share) {
                break;
            }
            if (repository.claim(id, node, now, until)) {
                claimed++;
            }
        }
        if (claimed > 0) {
            held = held();
        }
        // Beyond its share (a node joined): the rest go back, for the nodes with fewer to claim.
        for (var id : held.keySet().stream().sorted().skip(share).toList()) {
            repository.giveBack(id, node);
            held.remove(id);
        }
        var replaced = new HashMap<UUID, ScrapeLoop>();
        for (var iterator = loops.entrySet().iterator(); iterator.hasNext(); ) {
            var entry = iterator.next();
            var target = held.get(entry.getKey());
            var loop = entry.getValue();
            if (target != null && target.version() != loop.target().version()) {
                loop.stop(false);
                replaced.put(target.id(), loop);
                iterator.remove();
            } else if (target == null || !loop.isRunning()) {
                // Gone or disabled: its series end here. Held by another node now: they go on there.
                loop.stop(!enabled.contains(entry.getKey()));
                iterator.remove();
            }
        }
        for (var target : held.values()) {
            var loop = loops.get(target.id());
            if (loop == null) {
                loop = newLoop(target);
                if (loop == null) {
                    continue;
                }
                loops.put(target.id(), loop);
                loop.leaseUntil(epochMs(until));
                var before = replaced.get(target.id());
                if (before == null) {
                    loop.start();
                } else {
                    loop.startReplacing(before);
                }
            } else {
                loop.leaseUntil(epochMs(until));
            }
        }
        closeIdleClients();
    }

    /** The targets this node's lease holds, by id. */
    private Map<UUID, ScrapeTarget> held() {
        var held = new HashMap<UUID, ScrapeTarget>();
        repository.leasedBy(node).forEach(target -> held.put(target.id(), target));
        return held;
    }

    /** How many targets one node scrapes when every scraping node takes as many: all of them are held. */
    static int fairShare(int targets, int nodes) {
        return (targets + Math.max(nodes, 1) - 1) / Math.max(nodes, 1);
    }

    /** A loop for a target, with its client and credentials; null (logged) when they cannot be had. */
    private ScrapeLoop newLoop(ScrapeTarget target) {
        try {
            var client = clients.computeIfAbsent(clientSettings(target),
                    kind -> new ScrapeClient(settings.bodySizeLimit().toBytes(), kind));
            return new ScrapeLoop(target, authorization(target), node, store, client, repository, limits,
                    settings.timestampTolerance(), metadata);
        } catch (RuntimeException e) {
            log.error("Scrape target {} is not scraped: its credentials or certificates cannot be used", target.name(),
                    e);
            return null;
        }
    }

    /** The kind of client a target's scrapes need, with its client key opened. */
    private ScrapeClient.Settings clientSettings(ScrapeTarget target) {
        var access = target.access();
        return access.clientSettings(access.clientKeySet() ? secrets.open(repository.storedClientKey(target.id()))
                : null);
    }

    /** The Authorization header of a target's requests, with its stored password or token opened. */
    private String authorization(ScrapeTarget target) {
        var auth = target.access().auth();
        if (auth == ScrapeAccess.Auth.NONE) {
            return null;
        }
        var secret = secrets.open(repository.storedSecret(target.id(), auth));
        return auth == ScrapeAccess.Auth.BEARER ? "Bearer " + secret
                : "Basic " + Base64.getEncoder().encodeToString((target.access().username() + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the clients no loop has used for a whole round. */
    private void closeIdleClients() {
        var used = new HashSet<ScrapeClient>();
        loops.values().forEach(loop -> used.add(loop.client()));
        for (var kind : idle) {
            var client = clients.get(kind);
            if (client != null && !used.contains(client)) {
                clients.remove(kind).close();
            }
        }
        idle = clients.entrySet().stream().filter(entry -> !used.contains(entry.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static long epochMs(Instant instant) {
        return instant.toEpochMilli();
    }

    /** How many targets this node scrapes now. */
    int scraping() {
        lock.lock();
        try {
            return loops.size();
        } finally {
            lock.unlock();
        }
    }
}
