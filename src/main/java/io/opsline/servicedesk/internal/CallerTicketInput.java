package io.opsline.servicedesk.internal;

/** An incident as a caller opens it in the self-service portal: what is wrong and how soon it hurts. */
public record CallerTicketInput(String title, String description, String urgency) {
}
