package io.opsline.servicedesk.internal.request;

/** A move of a request to {@code state} (or a cancel), made on {@code version}, with an optional public comment. */
public record RequestMove(Long version, String state, String comment) {
}
