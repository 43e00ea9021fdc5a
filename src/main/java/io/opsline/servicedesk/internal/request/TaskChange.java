package io.opsline.servicedesk.internal.request;

/** A change to a fulfilment task: {@code assignee} by id or username ("" to clear), {@code state} open or done. */
public record TaskChange(Long version, String assignee, String state) {
}
