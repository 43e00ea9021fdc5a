package io.opsline.inventory;

import io.opsline.platform.Choice;

/**
 * How one configuration item relates to another, read from source to target ("app runs on vm").
 * Each type also says which way failure travels: for {@code depends_on}, {@code runs_on} and
 * {@code connected_to} a failing target impacts its source; for {@code part_of} a failing part
 * impacts the whole it belongs to.
 */
public enum RelationshipType implements Choice {

    DEPENDS_ON("used by", true),
    RUNS_ON("hosts", true),
    CONNECTED_TO("connects", true),
    PART_OF("contains", false);

    private final String inverseLabel;
    private final boolean targetImpactsSource;

    RelationshipType(String inverseLabel, boolean targetImpactsSource) {
        this.inverseLabel = inverseLabel;
        this.targetImpactsSource = targetImpactsSource;
    }

    /** Read from the source: "web01 runs on vm17". */
    @Override
    public String label() {
        return key().replace('_', ' ');
    }

    /** Read from the target: "vm17 hosts web01". */
    public String inverseLabel() {
        return inverseLabel;
    }

    /** Whether a failure of the target impacts the source (otherwise the source impacts the target). */
    public boolean targetImpactsSource() {
        return targetImpactsSource;
    }
}
