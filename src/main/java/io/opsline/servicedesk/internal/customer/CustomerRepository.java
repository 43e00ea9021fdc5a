package io.opsline.servicedesk.internal.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.ValueList;

/** SQL for {@code customer} and its contacts ({@code customer_contact}). */
@Repository
class CustomerRepository {

    private static final String COLUMNS = "id, name, description, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    CustomerRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    void insert(Customer customer) {
        jdbc.sql("INSERT INTO customer (" + COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(customer.id(), customer.name(), customer.description(), Jdbc.timestamp(customer.createdAt()),
                        Jdbc.timestamp(customer.updatedAt()), customer.version(), key(customer.name()))
                .update();
        insertContacts(customer);
    }

    /** Stores a change if nobody changed the customer since {@code after.version() - 1}; false if someone did. */
    boolean update(Customer after) {
        var updated = jdbc.sql("UPDATE customer SET name = ?, name_key = ?, description = ?, updated_at = ?,"
                        + " version = ? WHERE id = ? AND version = ?")
                .params(after.name(), key(after.name()), after.description(), Jdbc.timestamp(after.updatedAt()),
                        after.version(), after.id(), after.version() - 1)
                .update();
        if (updated != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM customer_contact WHERE customer_id = ?").param(after.id()).update();
        insertContacts(after);
        return true;
    }

    /** Deletes the customer if it is still at {@code version}; false if it changed or is gone. */
    boolean delete(UUID id, long version) {
        return jdbc.sql("DELETE FROM customer WHERE id = ? AND version = ?").params(id, version).update() == 1;
    }

    Optional<Customer> find(UUID id) {
        return withContacts(jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?").param(id)
                .query(CustomerRepository::customer).list()).stream().findFirst();
    }

    Optional<Customer> findByName(String name) {
        return withContacts(jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE name_key = ?").param(key(name))
                .query(CustomerRepository::customer).list()).stream().findFirst();
    }

    /** Every customer by name. */
    List<Customer> all() {
        return withContacts(jdbc.sql("SELECT " + COLUMNS + " FROM customer ORDER BY name_key, id")
                .query(CustomerRepository::customer).list());
    }

    /** The customer each of these people is a contact of; people who are nobody's contact are left out. */
    Map<UUID, UUID> customersOf(Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return Map.of();
        }
        var result = new HashMap<UUID, UUID>();
        jdbc.sql("SELECT person_id, customer_id FROM customer_contact WHERE " + uuids.in("person_id", "ids"))
                .param("ids", uuids.of(personIds))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "person_id"), Jdbc.uuid(rs, "customer_id"))).list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** The names of these customers by id; ids of customers that are gone are left out. */
    Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var result = new HashMap<UUID, String>();
        jdbc.sql("SELECT id, name FROM customer WHERE " + uuids.in("id", "ids")).param("ids", uuids.of(ids))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "id"), rs.getString("name"))).list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** How many incidents name the customer. */
    long incidentsOf(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM incident WHERE customer_id = ?").param(id).query(Long.class).single();
    }

    /** How many SLA policies are for the customer. */
    long policiesOf(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM sla_policy WHERE customer_id = ?").param(id).query(Long.class).single();
    }

    private void insertContacts(Customer customer) {
        for (var personId : customer.contactIds()) {
            jdbc.sql("INSERT INTO customer_contact (person_id, customer_id) VALUES (?, ?)")
                    .params(personId, customer.id()).update();
        }
    }

    private List<Customer> withContacts(List<Customer> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        var contacts = new HashMap<UUID, List<UUID>>();
        jdbc.sql("SELECT customer_id, person_id FROM customer_contact WHERE " + uuids.in("customer_id", "ids"))
                .param("ids", uuids.of(rows.stream().map(Customer::id).toList()))
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "customer_id"), Jdbc.uuid(rs, "person_id"))).list()
                .forEach(e -> contacts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(c -> new Customer(c.id(), c.name(), c.description(),
                contacts.getOrDefault(c.id(), List.of()), c.createdAt(), c.updatedAt(), c.version())).toList();
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getString("description"), List.of(),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
