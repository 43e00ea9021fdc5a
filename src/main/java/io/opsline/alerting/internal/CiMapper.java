package io.opsline.alerting.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.opsline.alerting.CiHint;
import io.opsline.inventory.CiDeleted;
import io.opsline.inventory.CiSaved;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;

/**
 * Finds the CI an event is about from what its sender knows: a CI id, else a host name, else an
 * address. Answers are reused for a while, because a busy sender names the same few hosts again
 * and again; any change to the inventory forgets them all, so a CI created for an unmapped host
 * is found by the next event.
 */
@Component
class CiMapper {

    /** Beyond this many remembered hints the memory is simply started afresh. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Inventory inventory;
    private final long cacheNanos;
    private final ConcurrentHashMap<CiHint, Remembered> remembered = new ConcurrentHashMap<>();

    CiMapper(Inventory inventory, AlertingProperties properties) {
        this.inventory = inventory;
        this.cacheNanos = properties.ciCacheTime().toNanos();
    }

    private record Remembered(UUID ciId, long until) {
    }

    /** The CI's id, or null when nothing matched. */
    UUID map(CiHint hint) {
        if (hint.isEmpty()) {
            return null;
        }
        var now = System.nanoTime();
        var known = remembered.get(hint);
        if (known != null && now - known.until() < 0) {
            return known.ciId();
        }
        var ciId = lookUp(hint).map(CiSummary::id).orElse(null);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(hint, new Remembered(ciId, now + cacheNanos));
        return ciId;
    }

    private Optional<CiSummary> lookUp(CiHint hint) {
        if (hint.ciId() != null) {
            var byId = inventory.find(hint.ciId());
            if (byId.isPresent()) {
                return byId;
            }
        }
        if (hint.hostname() != null && !hint.hostname().isBlank()) {
            var byName = inventory.findByHostname(hint.hostname());
            if (byName.isPresent()) {
                return byName;
            }
        }
        if (hint.address() != null && !hint.address().isBlank()) {
            return inventory.findByAddress(hint.address());
        }
        return Optional.empty();
    }

    /** The hint in words, for an alert no CI matched. */
    static String describe(CiHint hint) {
        var words = new StringBuilder();
        if (hint.ciId() != null) {
            words.append("CI ").append(hint.ciId());
        }
        if (hint.hostname() != null && !hint.hostname().isBlank()) {
            words.append(words.isEmpty() ? "" : ", ").append("host ").append(hint.hostname());
        }
        if (hint.address() != null && !hint.address().isBlank()) {
            words.append(words.isEmpty() ? "" : ", ").append("address ").append(hint.address());
        }
        var text = words.toString();
        return text.isEmpty() ? null : text.substring(0, Math.min(text.length(), 300));
    }

    @EventListener
    void on(CiSaved saved) {
        remembered.clear();
    }

    @EventListener
    void on(CiDeleted deleted) {
        remembered.clear();
    }
}
