package io.opsline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory REST API as the integration tests use it: reads as a viewer, changes as an
 * operator, the audit log as an admin, each with a real API token.
 */
final class InventoryClient {

    private final MockMvcTester mvc;
    private final TestAccounts accounts;
    private final JsonMapper json;

    InventoryClient(MockMvcTester mvc, TestAccounts accounts, JsonMapper json) {
        this.mvc = mvc;
        this.accounts = accounts;
        this.json = json;
    }

    MvcTestResult get(String uri) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer()).exchange();
    }

    MvcTestResult post(String uri, Object body) {
        return post(uri, body, accounts.operator());
    }

    MvcTestResult post(String uri, Object body, TestAccounts.Account as) {
        return mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, as.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
    }

    MvcTestResult put(String uri, Object body) {
        return mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
    }

    MvcTestResult delete(String uri) {
        return delete(uri, accounts.operator());
    }

    MvcTestResult delete(String uri, TestAccounts.Account as) {
        return mvc.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange();
    }

    /** Posts a file to the import endpoint; {@code contentType} null sends none. */
    MvcTestResult importFile(String contentType, String content, boolean dryRun) {
        var request = mvc.post().uri("/api/v1/import" + (dryRun ? "?dryRun=true" : ""))
                .header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .content(content.getBytes(StandardCharsets.UTF_8));
        if (contentType != null) {
            request = request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return request.exchange();
    }

    /** Imports a file that must be accepted; answers the report. */
    JsonNode imported(String contentType, String content) {
        var result = importFile(contentType, content, false);
        assertThat(result).as("import of %s", content).hasStatusOk();
        return body(result);
    }

    /** Downloads an export as text. */
    String export(String query) {
        var result = get("/api/v1/export?" + query);
        assertThat(result).hasStatusOk();
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    String createCi(String ciClass, String name) {
        return createCi(Map.of("class", ciClass, "name", name));
    }

    String createCi(Map<String, ?> body) {
        var result = post("/api/v1/cis", body);
        assertThat(result).hasStatus(201);
        return body(result).get("id").asString();
    }

    JsonNode ci(String id) {
        var result = get("/api/v1/cis/" + id);
        assertThat(result).hasStatusOk();
        return body(result);
    }

    /** The one CI of this class and name; fails when there is none. */
    JsonNode ciNamed(String ciClass, String name) {
        var items = body(get("/api/v1/cis?class=" + ciClass + "&q=" + name)).get("items").valueStream()
                .filter(i -> i.get("name").asString().equals(name)).toList();
        assertThat(items).as("%s %s", ciClass, name).hasSize(1);
        return items.getFirst();
    }

    /** CIs carrying a tag, by name. */
    Map<String, JsonNode> cisTagged(String tag) {
        var result = get("/api/v1/cis?size=500&tag=" + tag);
        assertThat(result).hasStatusOk();
        var byName = new java.util.LinkedHashMap<String, JsonNode>();
        body(result).get("items").forEach(ci -> byName.put(ci.get("name").asString(), ci));
        return byName;
    }

    /** Makes a team (as an admin) and answers its name. */
    String createTeam(String name) {
        assertThat(post("/api/v1/teams", Map.of("name", name), accounts.admin())).hasStatus(201);
        return name;
    }

    /** How many CIs the list finds for a search text (names, tags, addresses, ...). */
    long countMatching(String text) {
        var result = get("/api/v1/cis?q=" + text);
        assertThat(result).hasStatusOk();
        return body(result).get("total").asLong();
    }

    String relate(String source, String type, String target) {
        var result = post("/api/v1/relationships", Map.of("source", source, "type", type, "target", target));
        assertThat(result).hasStatus(201);
        return body(result).get("id").asString();
    }

    /** Relationships touching a CI, as "source type target" by name. */
    List<String> relationshipsOf(String ciId) {
        var result = get("/api/v1/relationships?size=500&ci=" + ciId);
        assertThat(result).hasStatusOk();
        return body(result).get("items").valueStream().map(r -> r.get("source").get("name").asString() + " "
                + r.get("type").asString() + " " + r.get("target").get("name").asString()).toList();
    }

    /** Audit records matching a query string such as {@code action=ci.&entityId=...}, read as an admin. */
    JsonNode audit(String query) {
        var result = mvc.get().uri("/api/v1/audit?size=500&" + query)
                .header(HttpHeaders.AUTHORIZATION, accounts.admin().bearer()).exchange();
        assertThat(result).hasStatusOk();
        return body(result);
    }

    long auditCount(String query) {
        return audit(query).get("total").asLong();
    }

    JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).distinct().toList();
    }

    /** Each error of a refused import as "row field" ("- field" when it has no row). */
    static List<String> rowErrors(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> (e.hasNonNull("row") ? e.get("row").asString() : "-")
                + " " + e.get("field").asString()).toList();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
