package io.opsline.monitoring.internal.state;

import java.util.List;

/**
 * Nagios's flap detection: over the last 21 results, the share of results that differ from the
 * one before, each change weighted from 0.75 (oldest) to 1.25 (newest) so that recent
 * behaviour counts more. A check starts flapping at or above the high threshold and stops
 * below the low one; in between it stays as it was, so it does not flap in and out of flapping.
 */
public final class FlapDetector {

    /** How many results the percentage is taken over, as in Nagios. */
    public static final int HISTORY = 21;
    private static final double OLDEST_WEIGHT = 0.75;
    private static final double NEWEST_WEIGHT = 1.25;

    private final double lowThreshold;
    private final double highThreshold;

    /** Thresholds in percent of weighted state changes, e.g. 25 and 30. */
    public FlapDetector(double lowThreshold, double highThreshold) {
        if (lowThreshold < 0 || highThreshold > 100 || lowThreshold > highThreshold) {
            throw new IllegalArgumentException("flap thresholds need 0 <= low <= high <= 100, not low " + lowThreshold
                    + " and high " + highThreshold);
        }
        this.lowThreshold = lowThreshold;
        this.highThreshold = highThreshold;
    }

    /** The weighted percent state change of these results, oldest first (only the last 21 count). */
    public static double percentStateChange(List<?> states) {
        var recent = states.size() > HISTORY ? states.subList(states.size() - HISTORY, states.size()) : states;
        var weighted = 0.0;
        for (int i = 1; i < recent.size(); i++) {
            if (!recent.get(i).equals(recent.get(i - 1))) {
                // Position among all 20 possible changes, so a short history weighs as the newest end.
                int position = HISTORY - recent.size() + i;
                weighted += OLDEST_WEIGHT + (position - 1) * (NEWEST_WEIGHT - OLDEST_WEIGHT) / (HISTORY - 2);
            }
        }
        return weighted * 100.0 / (HISTORY - 1);
    }

    /** Whether a check with these results is flapping, given whether it was before. */
    public boolean isFlapping(List<?> states, boolean wasFlapping) {
        var percent = percentStateChange(states);
        return wasFlapping ? percent >= lowThreshold : percent >= highThreshold;
    }
}
