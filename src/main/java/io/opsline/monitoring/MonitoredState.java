package io.opsline.monitoring;

/** A host or service state, as far as the soft/hard state rules need to know it. */
public interface MonitoredState {

    /** Whether this state is something to retry, confirm and tell people about. */
    boolean isProblem();
}
