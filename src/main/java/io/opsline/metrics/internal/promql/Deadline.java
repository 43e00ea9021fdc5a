package io.opsline.metrics.internal.promql;

import java.time.Duration;

import io.opsline.metrics.internal.promql.PromqlException.ErrorType;

/** When one evaluation has to give up; checked between series, so a heavy query stops in time. */
final class Deadline {

    private final long deadlineNanos;

    Deadline(Duration timeout) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    void check() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new PromqlException(ErrorType.TIMEOUT, "query timed out in expression evaluation");
        }
    }
}
