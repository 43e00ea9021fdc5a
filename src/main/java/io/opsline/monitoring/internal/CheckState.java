package io.opsline.monitoring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.state.CheckStatus;
import io.opsline.monitoring.internal.state.FlapDetector;

/**
 * Where a check stands: its Nagios status, its latest result, its recent states for flap
 * detection, its last counter reading for rates, and when it runs next.
 *
 * @param recentStates one letter per recent result (O, W, C, U), oldest first, at most 21
 * @param lastResult null until the check has run
 */
public record CheckState(UUID checkId, CheckStatus<ServiceState> status, CheckResult lastResult, Instant nextCheck,
        String recentStates, boolean flapping, double percentChange, CounterSample counter) {

    /** A check that has not run yet: assumed fine, due at {@code firstRun}. */
    public static CheckState initial(UUID checkId, Instant since, Instant firstRun) {
        return new CheckState(checkId, CheckStatus.initial(ServiceState.OK, since), null, firstRun, "", false, 0, null);
    }

    /** The recent states as states, oldest first. */
    public List<ServiceState> recent() {
        var states = new ArrayList<ServiceState>(recentStates.length());
        for (var letter : recentStates.toCharArray()) {
            states.add(switch (letter) {
                case 'O' -> ServiceState.OK;
                case 'W' -> ServiceState.WARNING;
                case 'C' -> ServiceState.CRITICAL;
                default -> ServiceState.UNKNOWN;
            });
        }
        return states;
    }

    /** The recent states with one more result, keeping the last 21. */
    public static String withResult(String recentStates, ServiceState state) {
        var all = recentStates + state.name().charAt(0);
        return all.length() > FlapDetector.HISTORY ? all.substring(all.length() - FlapDetector.HISTORY) : all;
    }
}
