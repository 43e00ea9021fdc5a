package io.opsline.monitoring.internal;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.platform.TransactionScope;

/**
 * Runs a read (such as reloading an in-memory view of a table) once the current transaction has
 * committed, so that it sees the change; at once when there is no transaction. However often it
 * is asked for during one transaction, it runs once. It runs in a read-only transaction of its
 * own, as the committed one can run no more statements.
 */
public final class AfterCommit {

    private final Runnable work;
    private final TransactionTemplate separate;

    public AfterCommit(Runnable work, PlatformTransactionManager transactions) {
        this.work = work;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separate.setReadOnly(true);
    }

    public void request() {
        if (!TransactionScope.active()) {
            work.run();
            return;
        }
        // Asked again in the same transaction: the synchronization registered the first time does it.
        TransactionScope.get(this, () -> new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                separate.executeWithoutResult(status -> work.run());
            }
        });
    }
}
