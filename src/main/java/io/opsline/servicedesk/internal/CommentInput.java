package io.opsline.servicedesk.internal;

/** A comment the caller sees, or with {@code workNote} an internal note only the desk sees. */
public record CommentInput(String body, Boolean workNote) {
}
