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
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SLA policies for a customer: they win over those for a service and the general ones, and an
 * incident's clocks are chosen again when its customer changes. Each test has a customer and a
 * service of its own, so its policies touch no other test's incidents.
 */
@OpslineIntegrationTest
class CustomerSlaIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;

    ApiCalls api;
    CiFixtures cis;
    String admin;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        cis = new CiFixtures(ciManagement, relationshipManagement);
        admin = accounts.admin().token();
        operator = accounts.operator().token();
    }

    @Test
    void aCustomersPolicyWinsOverTheServicesAndTheGeneralOneAndIsChosenAgainWhenTheCustomerChanges() {
        var service = cis.create("business_service", unique("Payroll"));
        var servicePolicy = policy(Map.of("name", unique("Payroll P1"), "priority", "P1", "service",
                service.id().toString(), "responseTarget", "PT20M", "resolutionTarget", "PT5H"));
        var customerName = unique("Acme");
        var customer = api.body(api.post(admin, "/api/v1/customers", Map.of("name", customerName)));
        var customerPolicy = policy(Map.of("name", unique("Acme P1"), "priority", "P1", "customer", customerName,
                "responseTarget", "PT5M", "resolutionTarget", "PT1H"));
        assertThat(customerPolicy.get("customer").get("id").asString()).isEqualTo(customer.get("id").asString());
        assertThat(customerPolicy.get("customer").get("name").asString()).isEqualTo(customerName);

        var incident = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", unique("Payroll down"),
                "impact", "high", "urgency", "high", "cis", List.of(service.id().toString()), "customer",
                customerName)));
        assertThat(incident.get("priority").asString()).isEqualTo("P1");
        assertThat(clock(incident, "resolution").get("policy").get("name").asString())
                .isEqualTo(customerPolicy.get("name").asString());
        assertThat(clock(incident, "resolution").get("target").asString()).isEqualTo("PT1H");
        assertThat(clock(incident, "response").get("target").asString()).isEqualTo("PT5M");

        var withoutCustomer = change(incident, Map.of("customer", ""));
        assertThat(clock(incident, "resolution").get("policy").get("name").asString())
                .isEqualTo(servicePolicy.get("name").asString());
        assertThat(clock(incident, "resolution").get("target").asString()).isEqualTo("PT5H");

        var withoutService = change(withoutCustomer, Map.of("cis", List.of()));
        assertThat(clock(incident, "resolution").get("policy").get("name").asString()).isEqualTo("P1 – Critical");

        change(withoutService, Map.of("customer", customer.get("id").asString()));
        assertThat(clock(incident, "resolution").get("policy").get("name").asString())
                .isEqualTo(customerPolicy.get("name").asString());
        assertThat(clock(incident, "response").get("target").asString()).isEqualTo("PT5M");
    }

    @Test
    void aPolicyIsForAServiceOrACustomerNotBothAndOnePerPriorityForACustomer() {
        var service = cis.create("business_service", unique("Mail"));
        var customerName = unique("Globex");
        assertThat(api.post(admin, "/api/v1/customers", Map.of("name", customerName))).hasStatus(201);

        var both = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Both"), "priority", "P2",
                "service", service.id().toString(), "customer", customerName, "responseTarget", "PT1H",
                "resolutionTarget", "PT8H"));
        assertThat(both).hasStatus(422);
        assertThat(api.fields(both)).containsExactlyInAnyOrder("service", "customer");

        var unknown = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Unknown"), "priority", "P2",
                "customer", unique("Nobody"), "responseTarget", "PT1H", "resolutionTarget", "PT8H"));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("customer");

        policy(Map.of("name", unique("Globex P2"), "priority", "P2", "customer", customerName, "responseTarget",
                "PT1H", "resolutionTarget", "PT8H"));
        var second = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Globex P2 again"), "priority",
                "P2", "customer", customerName, "responseTarget", "PT2H", "resolutionTarget", "PT9H"));
        assertThat(second).hasStatus(422);
        assertThat(api.fields(second)).containsExactly("priority");
    }

    private JsonNode policy(Map<String, Object> input) {
        var created = api.post(admin, "/api/v1/sla-policies", input);
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    private JsonNode change(JsonNode incident, Map<String, Object> fields) {
        var current = api.body(api.get(operator, "/api/v1/incidents/" + incident.get("reference").asString()));
        var body = new HashMap<String, Object>(fields);
        body.put("version", current.get("version").asLong());
        var changed = api.patch(operator, "/api/v1/incidents/" + incident.get("reference").asString(), body);
        assertThat(changed).hasStatusOk();
        return api.body(changed);
    }

    private JsonNode clock(JsonNode incident, String kind) {
        var result = api.get(operator, "/api/v1/incidents/" + incident.get("reference").asString() + "/sla");
        assertThat(result).hasStatusOk();
        return api.body(result).valueStream().filter(c -> c.get("kind").asString().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " clock"));
    }
}
