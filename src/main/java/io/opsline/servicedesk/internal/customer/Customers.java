package io.opsline.servicedesk.internal.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * The customers the desk serves, kept by admins; every change is versioned and audited. A customer
 * that incidents or SLA policies still name is not deleted.
 */
@Service
public class Customers {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_CONTACTS = 1000;

    private final CustomerRepository customers;
    private final People people;
    private final AuditLog audit;

    Customers(CustomerRepository customers, People people, AuditLog audit) {
        this.customers = customers;
        this.people = people;
        this.audit = audit;
    }

    public List<Customer> all() {
        return customers.all();
    }

    public Customer get(UUID id) {
        return customers.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    /** By id or by name (case-insensitive). */
    public Customer get(String idOrName) {
        return find(idOrName).orElseThrow(() -> new NotFoundException("Customer", idOrName));
    }

    /**
     * The customer a reference (id or name) names, adding a violation on {@code field} when there is
     * none; null for no reference.
     */
    public Customer resolve(String field, String reference, Violations violations) {
        if (blank(reference)) {
            return null;
        }
        var customer = find(reference).orElse(null);
        if (customer == null) {
            violations.add(field, "no customer " + reference.strip());
        }
        return customer;
    }

    /** The customer this person is a contact of, if any: the customer of the incidents they call in. */
    public Optional<UUID> customerOf(UUID personId) {
        return personId == null ? Optional.empty()
                : Optional.ofNullable(customers.customersOf(List.of(personId)).get(personId));
    }

    /** The names of these customers by id; those gone are left out. */
    public Map<UUID, String> names(Collection<UUID> ids) {
        return customers.names(ids);
    }

    @Transactional
    public Customer create(CustomerInput input) {
        var now = Jdbc.now();
        var customer = validated(Ids.newId(), input, now, now, 0);
        try {
            customers.insert(customer);
        } catch (DuplicateKeyException e) {
            throw takenMeanwhile(customer);
        }
        audit.record(new AuditEntry("customer.create", "customer", customer.id().toString(),
                "Created customer " + customer.name(), null, customer));
        return customer;
    }

    @Transactional
    public Customer update(UUID id, CustomerInput input) {
        var before = get(id);
        checkVersion(before, input.version());
        var after = validated(id, input, before.createdAt(), Jdbc.now(), before.version() + 1);
        try {
            if (!customers.update(after)) {
                throw conflict(before);
            }
        } catch (DuplicateKeyException e) {
            throw takenMeanwhile(after);
        }
        audit.record(new AuditEntry("customer.update", "customer", id.toString(), "Changed customer " + after.name(),
                before, after));
        return after;
    }

    /**
     * Deletes a customer nothing names any more; {@code version}, when given, must be the one read.
     * Incidents and SLA policies that name it keep it: the answer is a conflict saying how many.
     */
    @Transactional
    public void delete(UUID id, Long version) {
        var before = get(id);
        if (version != null) {
            checkVersion(before, version);
        }
        var incidents = customers.incidentsOf(id);
        var policies = customers.policiesOf(id);
        if (incidents > 0 || policies > 0) {
            throw inUse(before, incidents, policies);
        }
        try {
            if (!customers.delete(id, before.version())) {
                throw conflict(before);
            }
        } catch (DataIntegrityViolationException e) {
            // An incident or policy named it between the count and the delete.
            throw inUse(before, customers.incidentsOf(id), customers.policiesOf(id));
        }
        audit.record(new AuditEntry("customer.delete", "customer", id.toString(), "Deleted customer " + before.name(),
                before, null));
    }

    /** Checks the input as {@link #create} would, storing nothing: for forms that found problems of their own. */
    public void check(CustomerInput input, UUID self) {
        validated(self == null ? Ids.newId() : self, input, Jdbc.now(), Jdbc.now(), 0);
    }

    private Customer validated(UUID id, CustomerInput input, Instant createdAt, Instant now, long version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        var description = violations.optional("description", input.description(), MAX_DESCRIPTION);
        var contacts = contacts(id, input.contacts(), violations);
        if (name != null) {
            customers.findByName(name).filter(other -> !other.id().equals(id)).ifPresent(other ->
                    violations.add("name", "a customer named '" + other.name() + "' exists already"));
        }
        violations.throwIfAny("Invalid customer");
        return new Customer(id, name, description, contacts, createdAt, now, version);
    }

    private List<UUID> contacts(UUID self, List<String> references, Violations violations) {
        if (references == null || references.isEmpty()) {
            return List.of();
        }
        if (references.size() > MAX_CONTACTS) {
            violations.add("contacts", "at most " + MAX_CONTACTS + " contacts");
            return List.of();
        }
        var ids = new LinkedHashSet<UUID>();
        var found = new ArrayList<Map.Entry<Integer, UUID>>();
        for (var i = 0; i < references.size(); i++) {
            var reference = references.get(i);
            if (blank(reference)) {
                violations.add("contacts[" + i + "]", "is empty");
                continue;
            }
            var person = people.resolve(reference).orElse(null);
            if (person == null) {
                violations.add("contacts[" + i + "]", "no user " + reference.strip());
            } else if (ids.add(person.id())) {
                found.add(Map.entry(i, person.id()));
            }
        }
        var customerOf = customers.customersOf(ids);
        var otherNames = customers.names(customerOf.values());
        for (var contact : found) {
            var other = customerOf.get(contact.getValue());
            if (other != null && !other.equals(self)) {
                violations.add("contacts[" + contact.getKey() + "]", references.get(contact.getKey()).strip()
                        + " is a contact of customer " + otherNames.getOrDefault(other, other.toString())
                        + " already; a person is the contact of one customer");
            }
        }
        return List.copyOf(ids);
    }

    private Optional<Customer> find(String idOrName) {
        if (blank(idOrName)) {
            return Optional.empty();
        }
        var id = Ids.parseOrNull(idOrName.strip());
        return id != null ? customers.find(id) : customers.findByName(idOrName.strip());
    }

    private void checkVersion(Customer current, Long version) {
        if (version == null) {
            throw InvalidInputException.of("version", "is required: the version of customer " + current.name()
                    + " the change is based on (now " + current.version() + ")");
        }
        if (version != current.version()) {
            throw conflict(current);
        }
    }

    private ConflictException conflict(Customer current) {
        var now = customers.find(current.id()).map(Customer::version).orElse(current.version());
        return ConflictException.onField("version", "Customer " + current.name() + " was changed by someone else"
                + " (it is at version " + now + "); reload it, check their change and try again");
    }

    private static ConflictException inUse(Customer customer, long incidents, long policies) {
        return new ConflictException("Customer " + customer.name() + " is named by " + incidents
                + (incidents == 1 ? " incident" : " incidents") + " and " + policies
                + (policies == 1 ? " SLA policy" : " SLA policies") + "; change those first, then delete it");
    }

    private static ConflictException takenMeanwhile(Customer customer) {
        return ConflictException.onField("name", "customer " + customer.name() + " or one of its contacts was"
                + " saved by someone else meanwhile; reload and try again");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
