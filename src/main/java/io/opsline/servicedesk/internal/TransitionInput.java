package io.opsline.servicedesk.internal;

/**
 * A move to another state, made on top of {@code version}. Going on hold needs a
 * {@code holdReason}; resolving needs a {@code resolutionCode} and {@code resolutionNotes};
 * {@code comment} is added to the timeline as a public comment.
 */
public record TransitionInput(Long version, String state, String holdReason, String resolutionCode,
        String resolutionNotes, String comment) {
}
