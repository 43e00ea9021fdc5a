package io.opsline.servicedesk.internal.problem;

/**
 * A move to another state, made on top of {@code version}. Becoming a known error needs a
 * {@code workaround} (given here or stored already); resolving needs a {@code rootCause} likewise.
 * {@code comment} is added to the timeline.
 */
public record ProblemTransition(Long version, String state, String rootCause, String workaround, String comment) {
}
