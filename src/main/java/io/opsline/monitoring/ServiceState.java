package io.opsline.monitoring;

import io.opsline.platform.Choice;

/**
 * What a check found, with the Nagios plugin API's meaning and exit codes. Ordered by how bad
 * it is for people, not by exit code: UNKNOWN (the check could not tell) sits between WARNING
 * and CRITICAL, as on every Nagios-style status board.
 */
public enum ServiceState implements Choice, MonitoredState {
    OK(0, 0), WARNING(1, 1), UNKNOWN(3, 2), CRITICAL(2, 3);

    private final int exitCode;
    private final int severity;

    ServiceState(int exitCode, int severity) {
        this.exitCode = exitCode;
        this.severity = severity;
    }

    /** The plugin exit code of this state (0, 1, 2, 3). */
    public int exitCode() {
        return exitCode;
    }

    /** Higher is worse: OK 0, WARNING 1, UNKNOWN 2, CRITICAL 3. */
    public int severity() {
        return severity;
    }

    @Override
    public boolean isProblem() {
        return this != OK;
    }

    /** The state for a plugin's exit code; any code outside 0–3 means the plugin failed. */
    public static ServiceState ofExitCode(int exitCode) {
        return switch (exitCode) {
            case 0 -> OK;
            case 1 -> WARNING;
            case 2 -> CRITICAL;
            default -> UNKNOWN;
        };
    }
}
