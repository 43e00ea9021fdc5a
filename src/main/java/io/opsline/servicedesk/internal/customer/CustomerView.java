package io.opsline.servicedesk.internal.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.servicedesk.internal.IncidentView.Named;

/** A customer with its contacts' usernames, as the API and the admin pages show it. */
public record CustomerView(UUID id, String name, String description, List<Named> contacts, Instant createdAt,
        Instant updatedAt, long version) {

    public static CustomerView of(Customer customer, People people) {
        var persons = customer.contactIds().isEmpty() ? java.util.Map.<UUID, Person>of()
                : people.findAll(customer.contactIds());
        return new CustomerView(customer.id(), customer.name(), customer.description(),
                customer.contactIds().stream().map(id -> new Named(id,
                        persons.containsKey(id) ? persons.get(id).username() : null)).toList(),
                customer.createdAt(), customer.updatedAt(), customer.version());
    }
}
