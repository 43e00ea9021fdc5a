package io.opsline.servicedesk.internal.review;

import java.util.List;

/**
 * A change to a review made on top of {@code version}. A null field stays as it is, an empty text
 * clears it. {@code timelineEntries} are ids of lines of the incident's timeline; {@code notes} lines
 * about what happened outside Opsline. {@code state} moves the review on (publishing needs a root cause
 * and an action item).
 */
public record ReviewInput(Long version, String state, String summary, String impact, String rootCause,
        List<String> factors, String lessons, List<String> timelineEntries, List<Note> notes) {

    /** A line of the excerpt written for the review: {@code at} an ISO-8601 instant. */
    public record Note(String at, String text) {
    }
}
