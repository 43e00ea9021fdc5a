package io.opsline.alerting.internal.suppress;

import java.util.Locale;

/** Where a silence stands at a moment: not yet begun, suppressing, or over. */
public enum SilenceState {
    PENDING, ACTIVE, EXPIRED;

    /** The state named so, any case, or null. */
    public static SilenceState parse(String text) {
        for (var state : values()) {
            if (state.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
                return state;
            }
        }
        return null;
    }
}
