package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Incident rules over REST: validated, ordered, versioned; admins change them, viewers read them. */
@OpslineIntegrationTest
class IncidentRuleApiIT {

    private static final String BASE = "/api/v1/incident-rules";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    String admin;
    final List<String> made = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        admin = accounts.admin().token();
    }

    @AfterEach
    void removeRules() {
        made.forEach(id -> api.delete(admin, BASE + "/" + id));
    }

    private JsonNode create(String name, Integer position) {
        var body = new HashMap<String, Object>(Map.of("name", name, "minSeverity", "error", "impact", "high",
                "urgency", "low"));
        if (position != null) {
            body.put("position", position);
        }
        var created = api.post(admin, BASE, body);
        assertThat(created).hasStatus(201);
        var rule = api.body(created);
        made.add(rule.get("id").asString());
        return rule;
    }

    private List<String> order() {
        return api.body(api.get(accounts.viewer().token(), BASE)).valueStream().map(r -> r.get("name").asString())
                .filter(n -> n.startsWith("order-")).toList();
    }

    @Test
    void refusesBadRulesNamingEveryFieldAndStoresNothing() {
        var before = api.body(api.get(admin, BASE)).size();
        var body = new HashMap<String, Object>();
        body.put("name", " ");
        body.put("minSeverity", "dreadful");
        body.put("ciClasses", List.of("server", "spaceship"));
        body.put("environments", List.of("moon"));
        body.put("urgency", "soon");
        body.put("team", unique("no-such-team"));
        body.put("category", "Plumbing");
        body.put("position", 0);

        var refused = api.post(admin, BASE, body);

        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("name", "minSeverity", "ciClasses[1]",
                "environments[0]", "impact", "urgency", "team", "category", "position");
        assertThat(api.body(api.get(admin, BASE)).size()).isEqualTo(before);
        assertThat(api.post(accounts.operator().token(), BASE, Map.of("name", "x"))).hasStatus(403);
    }

    @Test
    void aRuleShowsThePriorityItGivesAndChangesOnlyOnTheVersionRead() {
        var rule = create(unique("prio"), null);
        assertThat(rule.get("priority").asString()).isEqualTo("P3");
        assertThat(rule.get("minSeverity").asString()).isEqualTo("error");
        var path = BASE + "/" + rule.get("id").asString();
        var change = new HashMap<String, Object>(Map.of("name", rule.get("name").asString(), "minSeverity", "warning",
                "impact", "high", "urgency", "high", "ciClasses", List.of("database"), "autoResolve", true,
                "version", rule.get("version").asLong()));

        var changed = api.put(admin, path, change);

        assertThat(changed).hasStatusOk();
        assertThat(api.body(changed).get("priority").asString()).isEqualTo("P1");
        assertThat(api.body(changed).get("autoResolve").asBoolean()).isTrue();
        assertThat(api.body(changed).get("ciClasses").get(0).asString()).isEqualTo("database");
        var stale = api.put(admin, path, change);
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");
        assertThat(api.fields(api.post(admin, BASE, Map.of("name", rule.get("name").asString(), "minSeverity",
                "error", "impact", "low", "urgency", "low")))).containsExactly("name");
    }

    @Test
    void rulesMoveUpDownAndToAPositionAndCloseRanksWhenOneIsDeleted() {
        var a = create("order-a-" + unique("r"), 1);
        var b = create("order-b-" + unique("r"), 2);
        var c = create("order-c-" + unique("r"), 3);
        var names = List.of(a, b, c).stream().map(r -> r.get("name").asString()).toList();
        assertThat(order()).containsExactly(names.get(0), names.get(1), names.get(2));

        assertThat(api.post(admin, BASE + "/" + c.get("id").asString() + "/move", Map.of("direction", "up")))
                .hasStatusOk();
        assertThat(order()).containsExactly(names.get(0), names.get(2), names.get(1));

        assertThat(api.post(admin, BASE + "/" + a.get("id").asString() + "/move", Map.of("position", 3)))
                .hasStatusOk();
        assertThat(order()).containsExactly(names.get(2), names.get(1), names.get(0));

        var badMove = api.post(admin, BASE + "/" + a.get("id").asString() + "/move", Map.of("direction", "sideways"));
        assertThat(badMove).hasStatus(422);
        assertThat(api.fields(badMove)).containsExactly("direction");

        assertThat(api.delete(admin, BASE + "/" + c.get("id").asString())).hasStatus(204);
        var positions = api.body(api.get(admin, BASE)).valueStream().map(r -> r.get("position").asInt()).toList();
        assertThat(positions).isEqualTo(IntStream.rangeClosed(1, positions.size()).boxed().toList());
        assertThat(api.get(admin, BASE + "/" + c.get("id").asString())).hasStatus(404);
    }
}
