package io.opsline.servicedesk.internal.review;

/**
 * A new action item, or a change to one on top of {@code version} (a null field stays as it is).
 * {@code owner} is a user's id or username, {@code due} a date (2026-12-31), {@code state} open or done
 * (a new item is always open).
 */
public record ActionItemInput(Long version, String title, String owner, String due, String state) {
}
