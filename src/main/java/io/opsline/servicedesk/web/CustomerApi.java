package io.opsline.servicedesk.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.customer.CustomerInput;
import io.opsline.servicedesk.internal.customer.CustomerView;
import io.opsline.servicedesk.internal.customer.Customers;

/**
 * Customers over REST, addressed by id or name. The desk reads them; admins keep them. A change
 * carries the {@code version} it was made on; a customer still named by incidents or SLA policies
 * is not deleted (409).
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerApi {

    private final Customers customers;
    private final People people;

    CustomerApi(Customers customers, People people) {
        this.customers = customers;
        this.people = people;
    }

    /** Every customer by name. */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<CustomerView> list() {
        return customers.all().stream().map(c -> CustomerView.of(c, people)).toList();
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<CustomerView> create(@RequestBody CustomerInput input) {
        var customer = customers.create(input);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id()))
                .body(CustomerView.of(customer, people));
    }

    @GetMapping("/{ref}")
    @RequiresRole(Role.VIEWER)
    CustomerView get(@PathVariable String ref) {
        return CustomerView.of(customers.get(ref), people);
    }

    /** Replaces the customer as a whole, its contacts included. */
    @PutMapping("/{ref}")
    @RequiresRole(Role.ADMIN)
    CustomerView update(@PathVariable String ref, @RequestBody CustomerInput input) {
        return CustomerView.of(customers.update(customers.get(ref).id(), input), people);
    }

    /** Deletes the customer; {@code version}, when given, must be the one read. */
    @DeleteMapping("/{ref}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable String ref, @RequestParam(required = false) Long version) {
        customers.delete(customers.get(ref).id(), version);
        return ResponseEntity.noContent().build();
    }
}
