package io.opsline.servicedesk.internal.request;

/** An approver's answer: {@code decision} approve or reject; a rejection says why in {@code comment}. */
public record DecisionInput(Long version, String decision, String comment) {
}
