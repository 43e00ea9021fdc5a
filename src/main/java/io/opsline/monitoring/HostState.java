package io.opsline.monitoring;

import io.opsline.platform.Choice;

/**
 * Whether a host answers. UNREACHABLE means it may be fine but something it depends on (a
 * switch it is connected to, the server it runs on) is down, so its own problem is not
 * reported on its own.
 */
public enum HostState implements Choice, MonitoredState {
    UP, DOWN, UNREACHABLE;

    @Override
    public boolean isProblem() {
        return this != UP;
    }

    /**
     * A host check's result as a host state, as Nagios maps it: a warning still means the host
     * answers. Whether a DOWN host is really UNREACHABLE is decided from its parents.
     */
    public static HostState ofCheckResult(ServiceState result) {
        return switch (result) {
            case OK, WARNING -> UP;
            case CRITICAL, UNKNOWN -> DOWN;
        };
    }
}
