package io.opsline.servicedesk.customer;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Incidents and their customer: the caller's by default, set or cleared by hand, and a list filter. */
@OpslineIntegrationTest
class CustomerIncidentIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        operator = accounts.operator().token();
    }

    @Test
    void anIncidentTakesItsCallersCustomerUnlessOneIsNamed() {
        var caller = accounts.fresh(Role.REQUESTER);
        var acme = customer(unique("Acme"), caller);
        var other = customer(unique("Other"));

        var byCaller = open(Map.of("title", unique("Printer"), "caller", caller.username()));
        assertThat(byCaller.get("customer").get("id").asString()).isEqualTo(acme.get("id").asString());
        assertThat(byCaller.get("customer").get("name").asString()).isEqualTo(acme.get("name").asString());

        var named = open(Map.of("title", unique("Printer"), "caller", caller.username(), "customer",
                other.get("name").asString().toLowerCase()));
        assertThat(named.get("customer").get("id").asString()).isEqualTo(other.get("id").asString());

        var unknown = api.post(operator, "/api/v1/incidents", Map.of("title", unique("Printer"), "customer",
                unique("Nobody")));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("customer");

        var nobody = open(Map.of("title", unique("Printer")));
        var customer = nobody.path("customer");
        assertThat(customer.isNull() || customer.isMissingNode()).isTrue();
    }

    @Test
    void aNewCallerBringsTheirCustomerAndTheCustomerCanBeSetOrCleared() {
        var first = accounts.fresh(Role.REQUESTER);
        var second = accounts.fresh(Role.REQUESTER);
        var firstCustomer = customer(unique("First"), first);
        var secondCustomer = customer(unique("Second"), second);
        var incident = open(Map.of("title", unique("Mail"), "caller", first.username()));
        var ref = incident.get("reference").asString();

        var moved = change(incident, Map.of("caller", second.username(), "customer",
                firstCustomer.get("id").asString()));
        assertThat(moved.get("customer").get("id").asString()).isEqualTo(secondCustomer.get("id").asString());

        var set = change(moved, Map.of("customer", firstCustomer.get("name").asString()));
        assertThat(set.get("customer").get("id").asString()).isEqualTo(firstCustomer.get("id").asString());

        var cleared = change(set, Map.of("customer", ""));
        var customer = cleared.path("customer");
        assertThat(customer.isNull() || customer.isMissingNode()).isTrue();

        var unknown = api.patch(operator, "/api/v1/incidents/" + ref, Map.of("version",
                cleared.get("version").asLong(), "customer", unique("Nobody")));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("customer");

        var timeline = api.body(api.get(operator, "/api/v1/incidents/" + ref + "/timeline"));
        assertThat(timeline.valueStream().filter(e -> e.get("kind").asString().equals("change"))
                .map(e -> e.get("body").asString())).containsExactly("Changed caller, customer", "Changed customer",
                        "Changed customer");
        var audit = api.body(api.get(accounts.admin().token(), "/api/v1/audit?entityId=" + incident.get("id")
                .asString()));
        assertThat(audit.get("items").valueStream().map(r -> r.get("action").asString()))
                .containsExactly("incident.update", "incident.update", "incident.update", "incident.create");
    }

    @Test
    void theListFiltersByCustomerByIdOrName() {
        var name = unique("Filtered");
        var filtered = customer(name);
        var mine = open(Map.of("title", unique("Mine"), "customer", name));
        open(Map.of("title", unique("Not mine")));

        for (var reference : List.of(name, filtered.get("id").asString())) {
            var page = api.body(api.get(accounts.viewer().token(), "/api/v1/incidents?customer=" + reference));
            assertThat(page.get("items").valueStream().map(i -> i.get("reference").asString()))
                    .containsExactly(mine.get("reference").asString());
        }
        var unknown = api.get(accounts.viewer().token(), "/api/v1/incidents?customer=" + unique("Nobody"));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("customer");
    }

    @Test
    void aRequesterOpensTicketsForTheirCustomer() {
        var requester = accounts.fresh(Role.REQUESTER);
        var theirs = customer(unique("Portal"), requester);

        var opened = api.post(requester.token(), "/api/v1/portal/tickets", Map.of("title", unique("VPN"),
                "description", "It drops", "urgency", "high"));

        assertThat(opened).hasStatus(201);
        var ref = api.body(opened).get("reference").asString();
        var incident = api.body(api.get(operator, "/api/v1/incidents/" + ref));
        assertThat(incident.get("customer").get("id").asString()).isEqualTo(theirs.get("id").asString());
        assertThat(api.get(requester.token(), "/api/v1/customers")).hasStatus(403);
    }

    private JsonNode customer(String name, Account... contacts) {
        var created = api.post(accounts.admin().token(), "/api/v1/customers", Map.of("name", name, "contacts",
                java.util.Arrays.stream(contacts).map(Account::username).toList()));
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    private JsonNode open(Map<String, Object> input) {
        var created = api.post(operator, "/api/v1/incidents", input);
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    private JsonNode change(JsonNode incident, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(fields);
        body.put("version", incident.get("version").asLong());
        var changed = api.patch(operator, "/api/v1/incidents/" + incident.get("reference").asString(), body);
        assertThat(changed).hasStatusOk();
        return api.body(changed);
    }
}
