package io.opsline.monitoring.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgement;
import io.opsline.monitoring.internal.nagios.PerfDatum;

/**
 * Where a check stands, as people read it.
 *
 * @param state the service state, or PENDING while the check has not run yet
 * @param stateType HARD or SOFT
 * @param causedBy the CI that is down and makes this problem a consequence of its outage
 * @param acknowledgement who took the problem on, if anyone
 * @param inDowntime whether the check or its CI is in scheduled downtime now
 */
public record StateView(UUID checkId, String checkName, CheckType type, Ci ci, String state, String stateType,
        int attempt, int maxAttempts, Instant lastCheck, Instant nextCheck, Instant lastChange,
        Instant lastHardChange, String output, String longOutput, List<PerfDatum> perfData, Long durationMillis,
        boolean flapping, double percentChange, Ci causedBy, Acknowledgement acknowledgement, boolean inDowntime) {

    /** The CI a check belongs to or a problem is caused by; name and class null if it is gone. */
    public record Ci(UUID id, String name, CiClass ciClass, List<String> tags, UUID ownerTeamId) {
    }

    /** A problem nobody has acknowledged, that is not expected (downtime) and not a parent's consequence. */
    public boolean isUnhandled() {
        return isProblem() && acknowledgement == null && !inDowntime && causedBy == null;
    }

    public boolean isProblem() {
        return !"OK".equals(state) && !"PENDING".equals(state);
    }
}
