package io.opsline.servicedesk.internal.request;

/** A comment the requester sees, or with {@code internal} a note only the desk sees. */
public record RequestComment(String body, Boolean internal) {
}
