package io.opsline.servicedesk;

import io.opsline.platform.Choice;

/** How soon an incident must be dealt with, P1 first; derived from impact × urgency. */
public enum Priority implements Choice {

    P1("Critical"), P2("High"), P3("Moderate"), P4("Low");

    private final String meaning;

    Priority(String meaning) {
        this.meaning = meaning;
    }

    /** On the wire and in forms as people write it: "P1". */
    @Override
    public String key() {
        return name();
    }

    @Override
    public String label() {
        return name() + " – " + meaning;
    }

    /** 1 for P1: how the database stores and sorts it. */
    public int rank() {
        return ordinal() + 1;
    }

    public static Priority ofRank(int rank) {
        return values()[rank - 1];
    }
}
