package io.opsline.inventory;

import io.opsline.platform.Choice;

/**
 * How one configuration item relates to another, read from source to target ("app runs on vm").
 * Each type also says which way failure travels: for {@code depends_on}, {@code runs_on} and
 * {@code connected_to} a failing target impacts its source; for {@code part_of} a failing part
 * impacts the whole it belongs to.
 */
public enum RelationshipType implements Choice {

    DEPENDS_ON("depends_on", "depends on", "used by", true),
    RUNS_ON("runs_on", "runs on", "hosts", true),
    CONNECTED_TO("connected_to", "connected to", "connects", true),
    PART_OF("part_of", "part of", "contains", false);

    private final String key;
    private final String label;
    private final String inverseLabel;
    private final boolean targetImpactsSource;

    RelationshipType(String key, String label, String inverseLabel, boolean targetImpactsSource) {
        this.key = key;
        this.label = label;
        this.inverseLabel = inverseLabel;
        this.targetImpactsSource = targetImpactsSource;
    }

    @Override
    public String key() {
        return key;
    }

    /** Read from the source: "web01 runs on vm17". */
    @Override
    public String label() {
        return label;
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
