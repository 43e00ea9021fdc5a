package io.opsline.monitoring.internal.acknowledgement;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.opsline.monitoring.internal.AfterCommit;

/**
 * Every acknowledgement in force, by check, held in memory for status boards and the result
 * processor. Reloaded after each change made on this node, and periodically for those made on
 * others; there are only as many as there are acknowledged problems.
 */
@Component
class AcknowledgementCache {

    private final AcknowledgementRepository acknowledgements;
    private final AfterCommit reload;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Map<UUID, Acknowledgement> byCheck;

    AcknowledgementCache(AcknowledgementRepository acknowledgements, PlatformTransactionManager transactions) {
        this.acknowledgements = acknowledgements;
        this.reload = new AfterCommit(this::refresh, transactions);
    }

    Map<UUID, Acknowledgement> byCheck() {
        var loaded = byCheck;
        if (loaded != null) {
            return loaded;
        }
        loading.lock();
        try {
            if (byCheck == null) {
                byCheck = load();
            }
            return byCheck;
        } finally {
            loading.unlock();
        }
    }

    void refresh() {
        loading.lock();
        try {
            byCheck = load();
        } finally {
            loading.unlock();
        }
    }

    /** Reloads once the caller's transaction has committed, so that its change is seen here at once. */
    void refreshAfterCommit() {
        reload.request();
    }

    private Map<UUID, Acknowledgement> load() {
        return acknowledgements.findAll().stream()
                .collect(Collectors.toUnmodifiableMap(Acknowledgement::checkId, Function.identity()));
    }
}
