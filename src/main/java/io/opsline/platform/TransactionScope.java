package io.opsline.platform;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values that live as long as the current transaction: what a listener gathers from the events one
 * transaction publishes, to act on them together before or after it commits. A value that is a
 * {@link TransactionSynchronization} is also told of the transaction's end as Spring tells
 * synchronizations; every value is forgotten when the transaction completes.
 */
public final class TransactionScope {

    private TransactionScope() {
    }

    /** Whether there is a transaction to keep values for. */
    public static boolean active() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }

    /**
     * The current transaction's value for {@code owner}, made by {@code create} the first time it is
     * asked for; outside a transaction a fresh value that nothing keeps.
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object owner, Supplier<T> create) {
        if (!active()) {
            return create.get();
        }
        var known = (T) TransactionSynchronizationManager.getResource(owner);
        if (known != null) {
            return known;
        }
        var fresh = create.get();
        TransactionSynchronizationManager.bindResource(owner, fresh);
        if (fresh instanceof TransactionSynchronization synchronization) {
            TransactionSynchronizationManager.registerSynchronization(synchronization);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(owner);
            }
        });
        return fresh;
    }
}
