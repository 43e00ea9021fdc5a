package io.opsline.servicedesk.internal;

import io.opsline.platform.Choice;

/** Impact (how much is hit) or urgency (how soon it hurts): high, medium or low. */
public enum Level implements Choice {

    HIGH, MEDIUM, LOW;

    /** 1 for high: how the database stores it and the priority matrix is indexed. */
    public int rank() {
        return ordinal() + 1;
    }

    public static Level ofRank(int rank) {
        return values()[rank - 1];
    }
}
