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
 * @param causedBy the CI that is down and makes this check's problem a consequence of its
 *        outage; null while the problem is the check's own or there is none
 */
public record CheckState(UUID checkId, CheckStatus<ServiceState> status, CheckResult lastResult, Instant nextCheck,
        String recentStates, boolean flapping, double percentChange, CounterSample counter, UUID causedBy) {

    /** A state with no parent to blame. */
    public CheckState(UUID checkId, CheckStatus<ServiceState> status, CheckResult lastResult, Instant nextCheck,
            String recentStates, boolean flapping, double percentChange, CounterSample counter) {
        this(checkId, status, lastResult, nextCheck, recentStates, flapping, percentChange, counter, null);
    }

    /** A check that has not run yet: assumed fine, due at {@code firstRun}. */
    public static CheckState initial(UUID checkId, Instant since, Instant firstRun) {
        return new CheckState(checkId, CheckStatus.initial(ServiceState.OK, since), null, firstRun, "", false, 0, null,
                null);
    }

    /** The same state, due next at {@code at}. */
    public CheckState withNextCheck(Instant at) {
        return new CheckState(checkId, status, lastResult, at, recentStates, flapping, percentChange, counter,
                causedBy);
    }

    /** The recent states as states, oldest first. */
    public List<ServiceState> recent() {
        return recent(recentStates);
    }

    /** Recent states kept as letters (see {@link #recentStates()}), as states, oldest first. */
    public static List<ServiceState> recent(String recentStates) {
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
