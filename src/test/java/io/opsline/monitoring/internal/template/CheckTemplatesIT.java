package io.opsline.monitoring.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Check templates through the REST API: their checks appear, change and go with the template
 * and with the CIs it matches. Every template here selects a tag of its own, so that it never
 * reaches the CIs of other tests sharing the application context.
 */
@OpslineIntegrationTest
class CheckTemplatesIT {

    private static final String TEMPLATES = "/api/v1/check-templates";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TemplateReconciler reconciler;

    private MvcTestResult send(String method, String uri, Object body) {
        var request = mvc.method(HttpMethod.valueOf(method)).uri(uri)
                .header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer());
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        return request.exchange();
    }

    private JsonNode ok(MvcTestResult result, int status) {
        assertThat(result).hasStatus(status);
        return result.getResponse().getContentLength() == 0 && status == 204 ? null
                : json.readTree(result.getResponse().getContentAsByteArray());
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String ci(String ciClass, String name, String status, String... tags) {
        var result = send("POST", "/api/v1/cis", Map.of("class", ciClass, "name", name, "status", status, "tags",
                List.of(tags), "addresses", List.of("127.0.0.1")));
        return ok(result, 201).get("id").asString();
    }

    private String server(String status, String... tags) {
        return ci("server", unique("srv"), status, tags);
    }

    /** Changes a CI's class, status and tags, keeping its name and addresses. */
    private void changeCi(String id, String ciClass, String status, String... tags) {
        var current = ok(send("GET", "/api/v1/cis/" + id, null), 200);
        var input = Map.of("class", ciClass, "name", current.get("name").asString(), "status", status, "tags",
                List.of(tags), "addresses", List.of("127.0.0.1"), "version", current.get("version").asLong());
        ok(send("PUT", "/api/v1/cis/" + id, input), 200);
    }

    private static Map<String, Object> tcpTemplate(String name, String... tags) {
        return new HashMap<>(Map.of("class", "server", "tags", List.of(tags), "name", name, "type", "tcp", "params",
                Map.of("port", 22), "intervalSeconds", 60));
    }

    private List<JsonNode> checksOf(String ci) {
        var items = new ArrayList<JsonNode>();
        ok(send("GET", "/api/v1/checks?ci=" + ci, null), 200).get("items").valueStream().forEach(items::add);
        return items;
    }

    private JsonNode onlyCheckOf(String ci) {
        var checks = checksOf(ci);
        assertThat(checks).as("checks of CI %s", ci).hasSize(1);
        return checks.getFirst();
    }

    /** The audit records of one thing, newest first. */
    private List<JsonNode> audit(String entityType, String entityId) {
        var result = mvc.get().uri("/api/v1/audit?entityType=%s&entityId=%s".formatted(entityType, entityId))
                .header(HttpHeaders.AUTHORIZATION, accounts.admin().bearer()).exchange();
        var items = new ArrayList<JsonNode>();
        ok(result, 200).get("items").valueStream().forEach(items::add);
        return items;
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).distinct().toList();
    }

    @Test
    void createsItsCheckOnEveryMatchingActiveCiAndNowhereElse() {
        var tag = unique("linux");
        var tagged = server("active", tag, "web");
        var alsoTagged = server("active", tag);
        var untagged = server("active", "web");
        var retired = server("retired", tag);
        var otherClass = ci("virtual_machine", unique("vm"), "active", tag);

        var created = send("POST", TEMPLATES, tcpTemplate("ssh port", tag));
        var template = ok(created, 201);
        var id = template.get("id").asString();
        assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith(TEMPLATES + "/" + id);
        assertThat(template.get("statuses").valueStream().map(JsonNode::asString)).containsExactly("active");
        assertThat(template.get("applied").get("created").asInt()).isEqualTo(2);
        assertThat(template.get("checks").asLong()).isEqualTo(2);

        for (var ci : List.of(tagged, alsoTagged)) {
            var check = onlyCheckOf(ci);
            assertThat(check.get("name").asString()).isEqualTo("ssh port");
            assertThat(check.get("type").asString()).isEqualTo("tcp");
            assertThat(check.get("params").get("port").asInt()).isEqualTo(22);
            assertThat(check.get("templateId").asString()).isEqualTo(id);
        }
        for (var ci : List.of(untagged, retired, otherClass)) {
            assertThat(checksOf(ci)).as("checks of a CI the template does not match").isEmpty();
        }
        // A CI created later that matches gets the check at once.
        assertThat(onlyCheckOf(server("active", tag)).get("templateId").asString()).isEqualTo(id);

        // The template and each check it made are audited, as done by the operator who made the template.
        assertThat(audit("check_template", id)).extracting(r -> r.get("action").asString())
                .containsExactly("check_template.create");
        var checkAudit = audit("check", onlyCheckOf(tagged).get("id").asString());
        assertThat(checkAudit).extracting(r -> r.get("action").asString()).containsExactly("check.create");
        assertThat(checkAudit.getFirst().get("actor").asString()).isEqualTo(accounts.operator().username());
        assertThat(checkAudit.getFirst().get("summary").asString()).contains("from template 'ssh port'");

        var read = mvc.get().uri(TEMPLATES + "/" + id).header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer())
                .exchange();
        assertThat(ok(read, 200).get("checks").asLong()).isEqualTo(3);
        assertThat(body(read).get("applied").isNull()).isTrue();
    }

    @Test
    void aCiGetsAndLosesTheCheckAsItsTagsStatusAndClassChange() {
        var tag = unique("db");
        var id = ok(send("POST", TEMPLATES, tcpTemplate("postgres", tag)), 201).get("id").asString();
        var ci = server("active");
        assertThat(checksOf(ci)).isEmpty();

        changeCi(ci, "server", "active", tag, "other");
        assertThat(onlyCheckOf(ci).get("templateId").asString()).isEqualTo(id);

        changeCi(ci, "server", "maintenance", tag, "other");
        assertThat(checksOf(ci)).as("a CI in maintenance is not active").isEmpty();

        changeCi(ci, "server", "active", tag);
        var back = onlyCheckOf(ci);

        changeCi(ci, "virtual_machine", "active", tag);
        assertThat(checksOf(ci)).as("a CI of another class").isEmpty();
        var removal = audit("check", back.get("id").asString());
        assertThat(removal).extracting(r -> r.get("action").asString()).containsExactly("check.delete", "check.create");
        assertThat(removal.getFirst().get("summary").asString()).contains("no longer matches");

        changeCi(ci, "server", "active");
        assertThat(checksOf(ci)).as("a CI without the tag").isEmpty();
    }

    @Test
    void aTemplateMaySayWhichStatusesMatchAndWithoutTagsMatchesTheWholeClass() {
        // No tags: every database in maintenance. Deleted at the end so it reaches no other test's CIs.
        var input = new HashMap<String, Object>(Map.of("class", "database", "statuses", List.of("maintenance"),
                "name", "port", "type", "tcp", "params", Map.of("port", 5432)));
        var id = ok(send("POST", TEMPLATES, input), 201).get("id").asString();
        try {
            var inMaintenance = ci("database", unique("pg"), "maintenance");
            var active = ci("database", unique("pg"), "active", unique("t"));
            assertThat(onlyCheckOf(inMaintenance).get("templateId").asString()).isEqualTo(id);
            assertThat(checksOf(active)).isEmpty();
        } finally {
            ok(send("DELETE", TEMPLATES + "/" + id, null), 204);
        }
    }

    @Test
    void updatingTheTemplateUpdatesItsChecksInPlace() {
        var tag = unique("web");
        var narrow = unique("edge");
        var first = server("active", tag, narrow);
        var second = server("active", tag);
        var template = ok(send("POST", TEMPLATES, tcpTemplate("https", tag)), 201);
        var id = template.get("id").asString();
        var before = onlyCheckOf(first).get("id").asString();

        var input = tcpTemplate("HTTPS port", tag);
        input.put("params", Map.of("port", 443, "responseWarningMs", "500"));
        input.put("intervalSeconds", 120);
        input.put("enabled", false);
        assertThat(fields(ok(send("PUT", TEMPLATES + "/" + id, input), 422))).containsExactly("version");
        input.put("version", template.get("version").asLong());
        var updated = ok(send("PUT", TEMPLATES + "/" + id, input), 200);
        assertThat(updated.get("applied").get("updated").asInt()).isEqualTo(2);
        assertThat(updated.get("version").asLong()).isEqualTo(template.get("version").asLong() + 1);

        for (var ci : List.of(first, second)) {
            var check = onlyCheckOf(ci);
            assertThat(check.get("name").asString()).isEqualTo("HTTPS port");
            assertThat(check.get("params").get("port").asInt()).isEqualTo(443);
            assertThat(check.get("params").get("responseWarningMs").asString()).isEqualTo("500");
            assertThat(check.get("intervalSeconds").asInt()).isEqualTo(120);
            assertThat(check.get("enabled").asBoolean()).isFalse();
        }
        assertThat(onlyCheckOf(first).get("id").asString()).as("the same check, changed").isEqualTo(before);
        assertThat(audit("check", before)).extracting(r -> r.get("action").asString())
                .containsExactly("check.update", "check.create");

        // The same version again is stale.
        assertThat(fields(ok(send("PUT", TEMPLATES + "/" + id, input), 409))).containsExactly("version");

        // Narrowed to a second tag: the CI without it loses the check.
        input.put("tags", List.of(tag, narrow));
        input.put("version", updated.get("version").asLong());
        var narrowed = ok(send("PUT", TEMPLATES + "/" + id, input), 200);
        assertThat(narrowed.get("applied").get("removed").asInt()).isEqualTo(1);
        assertThat(checksOf(second)).isEmpty();
        assertThat(checksOf(first)).hasSize(1);
    }

    @Test
    void deletingTheTemplateDeletesItsChecksAndNoOthers() {
        var tag = unique("app");
        var ci = server("active", tag);
        var handMade = ok(send("POST", "/api/v1/checks", Map.of("ci", ci, "name", "by hand", "type", "tcp", "params",
                Map.of("port", 8080))), 201).get("id").asString();
        var id = ok(send("POST", TEMPLATES, tcpTemplate("ssh", tag)), 201).get("id").asString();
        var templated = checksOf(ci).stream().filter(c -> c.get("name").asString().equals("ssh")).findFirst()
                .orElseThrow().get("id").asString();

        assertThat(send("DELETE", TEMPLATES + "/" + id, null)).hasStatus(204);
        assertThat(send("GET", TEMPLATES + "/" + id, null)).hasStatus(404);
        assertThat(checksOf(ci)).extracting(c -> c.get("id").asString()).containsExactly(handMade);
        assertThat(audit("check", templated)).extracting(r -> r.get("action").asString())
                .containsExactly("check.delete", "check.create");
        assertThat(audit("check_template", id)).extracting(r -> r.get("action").asString())
                .containsExactly("check_template.delete", "check_template.create");
        assertThat(send("DELETE", TEMPLATES + "/" + id, null)).hasStatus(404);
    }

    @Test
    void aTemplatedCheckIsChangedOnlyThroughItsTemplate() {
        var tag = unique("ro");
        var ci = server("active", tag);
        var id = ok(send("POST", TEMPLATES, tcpTemplate("ssh", tag)), 201).get("id").asString();
        var check = onlyCheckOf(ci);
        var edit = Map.of("ci", ci, "name", "ssh", "type", "tcp", "params", Map.of("port", 2222), "version",
                check.get("version").asLong());
        var refused = ok(send("PUT", "/api/v1/checks/" + check.get("id").asString(), edit), 409);
        assertThat(refused.get("detail").asString()).contains("check template " + id).contains("change the template");
        assertThat(send("DELETE", "/api/v1/checks/" + check.get("id").asString(), null)).hasStatus(409);
        assertThat(onlyCheckOf(ci).get("params").get("port").asInt()).isEqualTo(22);
    }

    @Test
    void aCiWithAnotherCheckOfTheNameIsSkippedAndSaidSoUntilTheNameIsFree() {
        var tag = unique("clash");
        var clashing = server("active", tag);
        var free = server("active", tag);
        var handMade = ok(send("POST", "/api/v1/checks", Map.of("ci", clashing, "name", "ssh", "type", "tcp",
                "params", Map.of("port", 2222))), 201).get("id").asString();

        var template = ok(send("POST", TEMPLATES, tcpTemplate("SSH", tag)), 201);
        var id = template.get("id").asString();
        var applied = template.get("applied");
        assertThat(applied.get("created").asInt()).isEqualTo(1);
        assertThat(applied.get("skipped").valueStream().map(s -> s.get("ciId").asString())).containsExactly(clashing);
        assertThat(applied.get("skipped").get(0).get("reason").asString()).contains("already has a check named 'SSH'");
        assertThat(onlyCheckOf(clashing).get("id").asString()).isEqualTo(handMade);
        assertThat(onlyCheckOf(free).get("templateId").asString()).isEqualTo(id);

        var preview = ok(send("GET", TEMPLATES + "/" + id + "/preview", null), 200);
        assertThat(preview.get("matching").asLong()).isEqualTo(2);
        assertThat(preview.get("wouldSkip").asInt()).isEqualTo(1);
        assertThat(preview.get("cis").get("items").valueStream()
                .filter(c -> c.get("id").asString().equals(clashing)).map(c -> c.get("outcome").asString()))
                .containsExactly("skip");

        // Once the clashing check is gone, the next round gives the CI the template's check.
        ok(send("DELETE", "/api/v1/checks/" + handMade, null), 204);
        reconciler.reconcileAll();
        assertThat(onlyCheckOf(clashing).get("templateId").asString()).isEqualTo(id);
    }

    @Test
    void aPreviewShowsWhatApplyingWouldDoAndARoundRepairsWhatDriftedAsTheSystem() {
        var tag = unique("drift");
        var a = server("active", tag);
        var b = server("active", tag);
        var id = ok(send("POST", TEMPLATES, tcpTemplate("ssh", tag)), 201).get("id").asString();
        // Changes no event announces: a check deleted and another changed behind Opsline's back.
        jdbc.sql("DELETE FROM check_definition WHERE id = ?").param(UUID.fromString(onlyCheckOf(a).get("id").asString()))
                .update();
        var changed = onlyCheckOf(b).get("id").asString();
        jdbc.sql("UPDATE check_definition SET interval_seconds = 300 WHERE id = ?").param(UUID.fromString(changed))
                .update();

        var preview = ok(mvc.get().uri(TEMPLATES + "/" + id + "/preview?size=1")
                .header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer()).exchange(), 200);
        assertThat(preview.get("matching").asLong()).isEqualTo(2);
        assertThat(preview.get("wouldCreate").asInt()).isEqualTo(1);
        assertThat(preview.get("wouldUpdate").asInt()).isEqualTo(1);
        assertThat(preview.get("wouldRemove").asInt()).isZero();
        assertThat(preview.get("cis").get("items")).hasSize(1);
        assertThat(preview.get("cis").get("total").asLong()).isEqualTo(2);
        assertThat(checksOf(a)).as("a preview writes nothing").isEmpty();

        reconciler.reconcileAll();
        var restored = onlyCheckOf(a);
        assertThat(restored.get("templateId").asString()).isEqualTo(id);
        assertThat(onlyCheckOf(b).get("intervalSeconds").asInt()).isEqualTo(60);
        var created = audit("check", restored.get("id").asString());
        assertThat(created.getFirst().get("actor").asString()).isEqualTo("system");
    }

    @Test
    void importedCisGetTheirTemplatedChecks() {
        var tag = unique("imported");
        var id = ok(send("POST", TEMPLATES, tcpTemplate("ssh", tag)), 201).get("id").asString();
        var name = unique("imp");
        var csv = "class,name,status,tags\nserver,%s,active,%s;linux\nserver,%s,active,linux\n"
                .formatted(name, tag, unique("imp"));
        var result = mvc.post().uri("/api/v1/import").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .header(HttpHeaders.CONTENT_TYPE, "text/csv").content(csv.getBytes(StandardCharsets.UTF_8)).exchange();
        assertThat(result).hasStatusOk();
        var template = ok(send("GET", TEMPLATES + "/" + id, null), 200);
        assertThat(template.get("checks").asLong()).isEqualTo(1);
        var cis = ok(send("GET", "/api/v1/cis?q=" + name, null), 200);
        assertThat(onlyCheckOf(cis.get("items").get(0).get("id").asString()).get("templateId").asString())
                .isEqualTo(id);
    }

    @Test
    void badTemplatesAreRefusedNamingEveryFieldAndStoreNothing() {
        var tag = unique("bad");
        var before = ok(send("GET", TEMPLATES + "?size=500", null), 200).get("total").asLong();

        var unknownType = tcpTemplate("x", tag);
        unknownType.put("type", "telepathy");
        var refused = ok(send("POST", TEMPLATES, unknownType), 422);
        assertThat(fields(refused)).containsExactly("type");
        assertThat(refused.toString()).contains("unknown check type 'telepathy'");

        var thresholds = new HashMap<String, Object>(Map.of("class", "server", "tags", List.of(tag), "name", "ping",
                "type", "ping", "params", Map.of("rttWarningMs", 900, "rttCriticalMs", 100, "lossWarningPercent", 120)));
        assertThat(fields(ok(send("POST", TEMPLATES, thresholds), 422)))
                .containsExactlyInAnyOrder("params.rttWarningMs", "params.lossWarningPercent");
        var range = tcpTemplate("tcp", tag);
        range.put("params", Map.of("port", 22, "responseWarningMs", "9:1"));
        assertThat(fields(ok(send("POST", TEMPLATES, range), 422))).containsExactly("params.responseWarningMs");

        var fast = tcpTemplate("fast", tag);
        fast.put("intervalSeconds", 1);
        fast.put("retryIntervalSeconds", 2);
        assertThat(fields(ok(send("POST", TEMPLATES, fast), 422)))
                .containsExactlyInAnyOrder("intervalSeconds", "retryIntervalSeconds");

        var outside = new HashMap<String, Object>(Map.of("class", "server", "tags", List.of(tag), "name", "evil",
                "type", "plugin", "params", Map.of("plugin", "/bin/sh", "arguments", List.of("-c", "id"))));
        var plugin = ok(send("POST", TEMPLATES, outside), 422);
        assertThat(fields(plugin)).containsExactly("params.plugin");
        assertThat(plugin.toString()).contains("outside the plugin directories");

        var selection = new HashMap<String, Object>(Map.of("class", "mainframe", "tags", List.of("Not a tag!"),
                "statuses", List.of("active", "sleeping"), "name", "", "type", "tcp", "params", Map.of("port", 22)));
        var problem = send("POST", TEMPLATES, selection);
        assertThat(problem.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(fields(ok(problem, 422))).containsExactlyInAnyOrder("class", "tags", "statuses", "name");

        assertThat(ok(send("GET", TEMPLATES + "?size=500", null), 200).get("total").asLong()).isEqualTo(before);
        assertThat(fields(ok(send("GET", TEMPLATES + "?class=mainframe", null), 422))).containsExactly("class");
    }
}
