package io.opsline.servicedesk.internal.customer;

import java.util.List;

/**
 * A customer as an admin writes it: {@code contacts} are people by id or username;
 * {@code version} is required when changing one.
 */
public record CustomerInput(Long version, String name, String description, List<String> contacts) {
}
