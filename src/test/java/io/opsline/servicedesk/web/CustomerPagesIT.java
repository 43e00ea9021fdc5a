package io.opsline.servicedesk.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.IncidentInput;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.servicedesk.internal.customer.Customer;
import io.opsline.servicedesk.internal.customer.CustomerInput;
import io.opsline.servicedesk.internal.customer.Customers;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;

/** The customer admin pages and the customer on the incident list, as a browser posts their forms. */
@OpslineIntegrationTest
class CustomerPagesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Customers customers;
    @Autowired
    Incidents incidents;

    DeskPages pages;
    Account admin;

    @BeforeEach
    void setUp() {
        pages = new DeskPages(mvc);
        admin = accounts.admin();
    }

    @Test
    void aContactOfAnotherCustomerIsRefusedBesideTheContactsFieldAndNothingIsStored() {
        var contact = accounts.fresh(Role.REQUESTER);
        var other = create(unique("Taken"), contact.username());
        var name = unique("Refused");

        var refused = pages.post("/admin/customers", admin, Map.of("name", name, "contacts", contact.username()));

        assertThat(refused).hasStatus(422);
        assertThat(DeskPages.fieldError(DeskPages.html(refused), "contacts")).startsWith(contact.username() + ": ")
                .contains("customer " + other.name());
        assertThat(customers.all()).extracting(Customer::name).doesNotContain(name);
    }

    @Test
    void aStaleEditIsShownNotStoredAndACustomerInUseIsNotDeleted() {
        var customer = create(unique("Busy"));
        TestAccounts.actingAs("admin", Role.ADMIN, () -> customers.update(customer.id(),
                new CustomerInput(0L, customer.name(), "changed by someone else", List.of())));

        var stale = pages.post("/admin/customers/" + customer.id(), admin, Map.of("version", "0", "name",
                customer.name() + " renamed"));
        assertThat(stale).hasStatus(409);
        assertThat(DeskPages.html(stale)).contains("was changed by someone else");
        assertThat(customers.get(customer.id()).name()).isEqualTo(customer.name());

        TestAccounts.actingAs("admin", Role.ADMIN, () -> incidents.create(new IncidentInput(unique("Busy desk"), null,
                null, null, null, null, null, null, null, null, customer.name()), "admin", OpenedThrough.UI, null));
        var refused = pages.post("/admin/customers/" + customer.id() + "/delete", admin, Map.of());
        assertThat(refused).hasStatus(409);
        assertThat(DeskPages.html(refused)).contains("is named by 1 incident and 0 SLA policies");
        assertThat(customers.get(customer.id()).version()).isEqualTo(1);
    }

    @Test
    void theIncidentListShowsAndFiltersTheCustomer() {
        var customer = create(unique("Listed"));
        var theirs = TestAccounts.actingAs("admin", Role.ADMIN, () -> incidents.create(new IncidentInput(
                unique("Listed incident"), null, null, null, null, null, null, null, null, null,
                customer.id().toString()), "admin", OpenedThrough.UI, null));
        var operator = accounts.operator();

        var html = pages.html("/incidents?customer=" + customer.id(), operator);

        assertThat(DeskPages.values(html, "data-incident")).containsExactly(theirs.reference());
        assertThat(html).contains(customer.name());
        assertThat(pages.html("/incidents/" + theirs.reference(), operator)).contains(customer.name());
    }

    private Customer create(String name, String... contacts) {
        return TestAccounts.actingAs("admin", Role.ADMIN, () -> customers.create(new CustomerInput(null, name, null,
                List.of(contacts))));
    }
}
