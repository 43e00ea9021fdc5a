package io.opsline.servicedesk.internal.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organisation the desk serves. Its contacts are people (user ids), each the contact of this
 * customer only: an incident a contact calls in is the customer's, and the customer's SLA policies
 * win over the others.
 */
public record Customer(UUID id, String name, String description, List<UUID> contactIds, Instant createdAt,
        Instant updatedAt, long version) {

    public Customer {
        contactIds = List.copyOf(contactIds);
    }
}
