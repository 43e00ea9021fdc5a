package io.opsline.servicedesk.customer;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class CustomerApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        admin = accounts.admin().token();
    }

    @Test
    void createsReadsChangesAndDeletesACustomerAuditingEachStep() {
        var contact = accounts.fresh(Role.REQUESTER);
        var name = unique("Acme");
        var created = api.post(admin, "/api/v1/customers", Map.of("name", name, "description", "Our first",
                "contacts", List.of(contact.username())));

        assertThat(created).hasStatus(201);
        var customer = api.body(created);
        var id = customer.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/customers/" + id);
        assertThat(customer.get("version").asLong()).isZero();
        assertThat(customer.get("contacts").get(0).get("id").asString()).isEqualTo(contact.id().toString());
        assertThat(customer.get("contacts").get(0).get("name").asString()).isEqualTo(contact.username());
        var viewer = accounts.viewer().token();
        assertThat(api.body(api.get(viewer, "/api/v1/customers/" + name.toUpperCase())).get("id").asString())
                .isEqualTo(id);
        assertThat(api.body(api.get(viewer, "/api/v1/customers")).valueStream()
                .map(c -> c.get("name").asString())).contains(name);

        var changed = api.put(admin, "/api/v1/customers/" + id, Map.of("version", 0, "name", name + " Ltd",
                "contacts", List.of()));
        assertThat(changed).hasStatusOk();
        assertThat(api.body(changed).get("version").asLong()).isEqualTo(1);
        assertThat(api.body(changed).get("contacts")).isEmpty();
        var description = api.body(changed).path("description");
        assertThat(description.isNull() || description.isMissingNode()).isTrue();

        var stale = api.put(admin, "/api/v1/customers/" + id, Map.of("version", 0, "name", name + " Inc"));
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");
        assertThat(api.body(api.get(viewer, "/api/v1/customers/" + id)).get("name").asString())
                .isEqualTo(name + " Ltd");

        assertThat(api.delete(admin, "/api/v1/customers/" + id + "?version=0")).hasStatus(409);
        assertThat(api.delete(admin, "/api/v1/customers/" + id)).hasStatus(204);
        assertThat(api.get(viewer, "/api/v1/customers/" + id)).hasStatus(404);
        assertThat(audited(id)).containsExactly("customer.delete", "customer.update", "customer.create");
    }

    @Test
    void refusesBadInputNamingEachFieldAndStoresNothing() {
        var refused = api.post(admin, "/api/v1/customers", Map.of("name", "x".repeat(101), "contacts",
                List.of("nobody-" + unique("user"))));

        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("name", "contacts[0]");
        assertThat(api.fields(api.post(admin, "/api/v1/customers", Map.of("description", "no name"))))
                .containsExactly("name");

        var customer = create(unique("Versioned"));
        var noVersion = api.put(admin, "/api/v1/customers/" + customer.get("id").asString(),
                Map.of("name", "Renamed"));
        assertThat(noVersion).hasStatus(422);
        assertThat(api.fields(noVersion)).containsExactly("version");
        assertThat(api.get(admin, "/api/v1/customers/Renamed")).hasStatus(404);
    }

    @Test
    void aNameIsTakenWhateverItsCase() {
        var name = unique("Globex");
        create(name);

        var again = api.post(admin, "/api/v1/customers", Map.of("name", name.toLowerCase()));

        assertThat(again).hasStatus(422);
        assertThat(api.fields(again)).containsExactly("name");
    }

    @Test
    void aPersonIsTheContactOfOneCustomerOnly() {
        var contact = accounts.fresh(Role.REQUESTER);
        var first = unique("Initech");
        create(first, contact.username());

        var second = api.post(admin, "/api/v1/customers", Map.of("name", unique("Umbrella"), "contacts",
                List.of(contact.id().toString())));

        assertThat(second).hasStatus(422);
        assertThat(api.fields(second)).containsExactly("contacts[0]");
        assertThat(api.body(second).toString()).contains(first);
    }

    @Test
    void aCustomerThatIncidentsOrPoliciesNameIsNotDeleted() {
        var name = unique("Hooli");
        var id = create(name).get("id").asString();
        assertThat(api.post(accounts.operator().token(), "/api/v1/incidents", Map.of("title", unique("Down"),
                "customer", name))).hasStatus(201);
        assertThat(api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Hooli P3"), "priority", "P3",
                "customer", id, "responseTarget", "PT1H", "resolutionTarget", "PT8H"))).hasStatus(201);

        var refused = api.delete(admin, "/api/v1/customers/" + id);

        assertThat(refused).hasStatus(409);
        assertThat(api.body(refused).get("detail").asString()).contains("1 incident").contains("1 SLA policy");
        assertThat(api.get(admin, "/api/v1/customers/" + id)).hasStatusOk();
        assertThat(audited(id)).containsExactly("customer.create");
    }

    private JsonNode create(String name, String... contacts) {
        var created = api.post(admin, "/api/v1/customers", Map.of("name", name, "contacts", List.of(contacts)));
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    private List<String> audited(String entityId) {
        JsonNode page = api.body(api.get(admin, "/api/v1/audit?entityId=" + entityId));
        return page.get("items").valueStream().map(r -> r.get("action").asString()).toList();
    }
}
