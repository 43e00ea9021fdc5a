package io.opsline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class CiApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;

    @Test
    void createsReadsUpdatesAndDeletesAConfigurationItem() {
        var name = unique("web");
        var created = post("/api/v1/cis", Map.of("class", "server", "name", name, "tags", new String[] {"Linux", "web"},
                "addresses", new String[] {"10.1.2.3", "WEB.example.com"}, "attributes", Map.of("os", "debian", "cpus", 8),
                "lifecycle", Map.of("vendor", "Dell", "purchaseDate", "2024-02-01", "purchaseCost", "1200.5",
                        "warrantyEnd", "2027-02-01")));
        assertThat(created).hasStatus(201);
        var ci = body(created);
        var id = ci.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/cis/" + id);
        assertThat(ci.get("class").asString()).isEqualTo("server");
        assertThat(ci.get("status").asString()).isEqualTo("active");
        assertThat(ci.get("tags").toString()).isEqualTo("[\"linux\",\"web\"]");
        assertThat(ci.get("addresses").toString()).isEqualTo("[\"10.1.2.3\",\"web.example.com\"]");
        assertThat(ci.get("attributes").get("cpus").asString()).isEqualTo("8");
        assertThat(ci.get("lifecycle").get("purchaseCost").decimalValue()).isEqualByComparingTo("1200.50");

        var read = get("/api/v1/cis/" + id);
        assertThat(read).hasStatusOk();
        assertThat(body(read).get("name").asString()).isEqualTo(name);

        var update = put("/api/v1/cis/" + id, Map.of("class", "server", "name", name, "status", "maintenance",
                "criticality", "high", "version", 0));
        assertThat(update).hasStatusOk();
        assertThat(body(update).get("status").asString()).isEqualTo("maintenance");
        assertThat(body(update).get("version").asLong()).isEqualTo(1);
        assertThat(body(update).get("tags")).isEmpty();

        assertThat(delete("/api/v1/cis/" + id)).hasStatus(204);
        assertThat(get("/api/v1/cis/" + id)).hasStatus(404);
    }

    @Test
    void refusesBadInputNamingEachField() {
        var result = post("/api/v1/cis", Map.of("class", "mainframe", "name", " ", "environment", "prod",
                "addresses", new String[] {"300.1.1.1", "not a host"}, "tags", new String[] {"has space"},
                "lifecycle", Map.of("purchaseDate", "2024-02-30", "purchaseCost", "12.345", "warrantyEnd", "2020-01-01")));
        assertThat(result).hasStatus(422);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        var problem = body(result);
        assertThat(problem.get("type").asString()).isEqualTo("urn:opsline:problem:invalid-input");
        assertThat(fields(problem)).contains("class", "name", "environment", "addresses", "tags",
                "lifecycle.purchaseDate", "lifecycle.purchaseCost");
    }

    @Test
    void refusesADuplicateClassAndNameRegardlessOfCase() {
        var name = unique("db");
        assertThat(post("/api/v1/cis", Map.of("class", "database", "name", name))).hasStatus(201);
        var duplicate = post("/api/v1/cis", Map.of("class", "database", "name", name.toUpperCase()));
        assertThat(duplicate).hasStatus(409);
        assertThat(fields(body(duplicate))).containsExactly("name");
        assertThat(post("/api/v1/cis", Map.of("class", "application", "name", name))).hasStatus(201);
    }

    @Test
    void refusesAStaleVersionSoNoEditIsLostSilently() {
        var id = create("server", unique("srv"));
        assertThat(put("/api/v1/cis/" + id, Map.of("class", "server", "name", unique("renamed"), "version", 0)))
                .hasStatusOk();
        var stale = put("/api/v1/cis/" + id, Map.of("class", "server", "name", unique("other"), "version", 0));
        assertThat(stale).hasStatus(409);
        assertThat(fields(body(stale))).containsExactly("version");
        assertThat(put("/api/v1/cis/" + id, Map.of("class", "server", "name", unique("x")))).hasStatus(422);
    }

    @Test
    void addressesDoNotApplyToBusinessServices() {
        var result = post("/api/v1/cis", Map.of("class", "business_service", "name", unique("svc"),
                "addresses", new String[] {"10.0.0.1"}));
        assertThat(result).hasStatus(422);
        assertThat(fields(body(result))).containsExactly("addresses");
    }

    @Test
    void filtersByClassStatusTagAndSearchText() {
        var tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        var a = unique("alpha");
        var b = unique("beta");
        post("/api/v1/cis", Map.of("class", "server", "name", a, "tags", new String[] {tag}, "addresses",
                new String[] {"192.0.2.77"}));
        post("/api/v1/cis", Map.of("class", "database", "name", b, "tags", new String[] {tag}, "status", "retired"));
        assertThat(names(get("/api/v1/cis?tag=" + tag))).containsExactly(a, b);
        assertThat(names(get("/api/v1/cis?tag=" + tag + "&class=database"))).containsExactly(b);
        assertThat(names(get("/api/v1/cis?tag=" + tag + "&status=active"))).containsExactly(a);
        assertThat(names(get("/api/v1/cis?q=192.0.2.77"))).containsExactly(a);
        assertThat(names(get("/api/v1/cis?q=" + b.toUpperCase()))).containsExactly(b);
        var paged = body(get("/api/v1/cis?tag=" + tag + "&size=1&page=1"));
        assertThat(paged.get("total").asLong()).isEqualTo(2);
        assertThat(paged.get("items").get(0).get("name").asString()).isEqualTo(b);
    }

    @Test
    void filterMistakesAreClientErrors() {
        assertThat(get("/api/v1/cis?class=toaster")).hasStatus(422);
        assertThat(get("/api/v1/cis?team=no-such-team")).hasStatus(422);
        assertThat(get("/api/v1/cis?size=100000")).hasStatus(422);
        assertThat(get("/api/v1/cis?page=-1")).hasStatus(422);
        assertThat(get("/api/v1/cis?page=abc")).hasStatus(400);
        assertThat(get("/api/v1/cis/not-a-uuid")).hasStatus(400);
        assertThat(get("/api/v1/cis/" + UUID.randomUUID())).hasStatus(404);
    }

    @Test
    void malformedBodiesAreClientErrorsNot500s() {
        var broken = mvc.post().uri("/api/v1/cis").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"class\": ").exchange();
        assertThat(broken).hasStatus(400);
        assertThat(body(broken).get("type").asString()).isEqualTo("urn:opsline:problem:malformed-request");
        var wrongShape = mvc.post().uri("/api/v1/cis").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"tags\": {\"a\": 1}}").exchange();
        assertThat(wrongShape).hasStatus(400);
        assertThat(body(wrongShape).get("detail").asString()).contains("tags");
        var noBody = mvc.post().uri("/api/v1/cis").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).exchange();
        assertThat(noBody).hasStatus(400);
    }

    @Test
    void assignsAnOwnerTeamByName() {
        var team = unique("team");
        assertThat(mvc.post().uri("/api/v1/teams").header(HttpHeaders.AUTHORIZATION, accounts.admin().bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + team + "\"}").exchange()).hasStatus(201);
        var created = body(post("/api/v1/cis", Map.of("class", "server", "name", unique("owned"), "ownerTeam",
                team.toUpperCase())));
        assertThat(created.get("ownerTeam").asString()).isEqualTo(team);
        assertThat(names(get("/api/v1/cis?team=" + team))).containsExactly(created.get("name").asString());
        var unknown = post("/api/v1/cis", Map.of("class", "server", "name", unique("x"), "ownerTeam", "nobody"));
        assertThat(unknown).hasStatus(422);
        assertThat(fields(body(unknown))).containsExactly("ownerTeam");
    }

    String create(String ciClass, String name) {
        var result = post("/api/v1/cis", Map.of("class", ciClass, "name", name));
        assertThat(result).hasStatus(201);
        return body(result).get("id").asString();
    }

    MvcTestResult get(String uri) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer()).exchange();
    }

    MvcTestResult post(String uri, Object body) {
        return mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
    }

    MvcTestResult put(String uri, Object body) {
        return mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
    }

    MvcTestResult delete(String uri) {
        return mvc.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer()).exchange();
    }

    JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    java.util.List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).distinct().toList();
    }

    java.util.List<String> names(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        return body(result).get("items").valueStream().map(i -> i.get("name").asString()).toList();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
