package io.opsline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.platform.Secrets;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class CheckApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Secrets secrets;
    @Autowired
    CheckDefinitions definitions;
    @Autowired
    CheckRepository repository;

    private MvcTestResult send(String method, String uri, Object body) {
        var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                .header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer());
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        return request.exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private String createCi(String name) {
        var result = send("POST", "/api/v1/cis", Map.of("class", "server", "name", name, "addresses", List.of("127.0.0.1")));
        assertThat(result).hasStatus(201);
        return body(result).get("id").asString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> tcpCheck(String ci, String name) {
        return new HashMap<>(Map.of("ci", ci, "name", name, "type", "tcp", "params",
                Map.of("port", 22, "responseWarningMs", "500"), "intervalSeconds", 60, "maxAttempts", 3));
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).distinct().toList();
    }

    @Test
    void createsReadsListsAndAuditsACheck() {
        var ci = createCi(unique("web"));
        var created = send("POST", "/api/v1/checks", tcpCheck(ci, "ssh port"));
        assertThat(created).hasStatus(201);
        var check = body(created);
        var id = check.get("id").asString();
        assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/api/v1/checks/" + id);
        assertThat(check.get("type").asString()).isEqualTo("tcp");
        assertThat(check.get("ci").get("id").asString()).isEqualTo(ci);
        assertThat(check.get("params").get("port").asInt()).isEqualTo(22);
        // Defaults an operator expects where nothing was said.
        assertThat(check.get("retryIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(check.get("timeoutSeconds").asDouble()).isEqualTo(10.0);
        assertThat(check.get("enabled").asBoolean()).isTrue();

        var read = mvc.get().uri("/api/v1/checks/" + id).header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer())
                .exchange();
        assertThat(read).hasStatusOk();
        assertThat(body(read).get("name").asString()).isEqualTo("ssh port");
        var list = body(send("GET", "/api/v1/checks?ci=" + ci, null));
        assertThat(list.get("total").asLong()).isEqualTo(1);

        var audit = mvc.get().uri("/api/v1/audit?entityType=check&entityId=" + id)
                .header(HttpHeaders.AUTHORIZATION, accounts.admin().bearer()).exchange();
        assertThat(body(audit).get("items").valueStream().map(r -> r.get("action").asString()))
                .containsExactly("check.create");
    }

    @Test
    void namesEveryProblemOfABadCheckAtOnceAndStoresNothing() {
        var ci = createCi(unique("db"));
        var bad = Map.<String, Object>of("ci", ci, "name", "", "type", "tcp", "params",
                Map.of("port", 0, "responseWarningMs", "9:1", "prot", 5), "intervalSeconds", 1, "maxAttempts", 0,
                "timeoutSeconds", 1000);
        var result = send("POST", "/api/v1/checks", bad);
        assertThat(result).hasStatus(422);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(fields(body(result))).containsExactlyInAnyOrder("name", "params.port", "params.responseWarningMs",
                "params.prot", "intervalSeconds", "maxAttempts", "timeoutSeconds");
        assertThat(body(send("GET", "/api/v1/checks?ci=" + ci, null)).get("total").asLong()).isZero();
    }

    @Test
    void refusesUnknownTypesMissingCisAndPluginsOutsideThePluginDirectories() {
        var unknownType = send("POST", "/api/v1/checks", Map.of("ci", createCi(unique("x")), "name", "n",
                "type", "telepathy"));
        assertThat(unknownType).hasStatus(422);
        assertThat(body(unknownType).toString()).contains("unknown check type 'telepathy'");

        var missingCi = send("POST", "/api/v1/checks", tcpCheck(UUID.randomUUID().toString(), "n"));
        assertThat(missingCi).hasStatus(422);
        assertThat(fields(body(missingCi))).containsExactly("ci");

        var outside = send("POST", "/api/v1/checks", Map.of("ci", createCi(unique("p")), "name", "evil",
                "type", "plugin", "params", Map.of("plugin", "/bin/sh", "arguments", List.of("-c", "id"))));
        assertThat(outside).hasStatus(422);
        assertThat(body(outside).toString()).contains("outside the plugin directories");
    }

    @Test
    void twoChecksOnOneCiCannotShareAName() {
        var ci = createCi(unique("app"));
        assertThat(send("POST", "/api/v1/checks", tcpCheck(ci, "Port"))).hasStatus(201);
        var again = send("POST", "/api/v1/checks", tcpCheck(ci, "port"));
        assertThat(again).hasStatus(409);
        assertThat(fields(body(again))).containsExactly("name");
        // The same name on another CI is fine.
        assertThat(send("POST", "/api/v1/checks", tcpCheck(createCi(unique("app")), "port"))).hasStatus(201);
    }

    @Test
    void secretsAreSealedAtRestMaskedWhenShownAndKeptWhenSentBackMasked() throws Exception {
        var ci = createCi(unique("sw"));
        var input = new HashMap<String, Object>(Map.of("ci", ci, "name", "uptime", "type", "ssh", "params",
                Map.of("user", "nagios", "password", "s3cret-pass", "command", "uptime")));
        var created = body(send("POST", "/api/v1/checks", input));
        var id = created.get("id").asString();
        assertThat(created.get("params").get("password").asString()).isEqualTo("********");
        var stored = jdbc.sql("SELECT params FROM check_definition WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(stored).doesNotContain("s3cret-pass");
        var sealed = json.readTree(stored).get("password").asString();
        assertThat(secrets.open(sealed)).isEqualTo("s3cret-pass");

        // Sent back as shown, with another change: the password stays.
        input.put("params", Map.of("user", "nagios", "password", "********", "command", "uptime -p"));
        input.put("version", created.get("version").asLong());
        var updated = send("PUT", "/api/v1/checks/" + id, input);
        assertThat(updated).hasStatusOk();
        var restored = jdbc.sql("SELECT params FROM check_definition WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(secrets.open(json.readTree(restored).get("password").asString())).isEqualTo("s3cret-pass");
        assertThat(json.readTree(restored).get("command").asString()).isEqualTo("uptime -p");

        // Opened again for running the check.
        var definition = repository.findById(UUID.fromString(id)).orElseThrow();
        assertThat(((CheckSpec.Ssh) definitions.spec(definition)).password()).isEqualTo("s3cret-pass");

        // The audit log shows the change but never the secret.
        var audit = mvc.get().uri("/api/v1/audit?entityType=check&entityId=" + id)
                .header(HttpHeaders.AUTHORIZATION, accounts.admin().bearer()).exchange();
        assertThat(audit.getResponse().getContentAsString()).doesNotContain("s3cret-pass").contains("check.update");
    }

    @Test
    void anUpdateMustCarryTheVersionItWasBasedOn() {
        var ci = createCi(unique("lb"));
        var created = body(send("POST", "/api/v1/checks", tcpCheck(ci, "https")));
        var id = created.get("id").asString();
        var input = tcpCheck(ci, "https");
        assertThat(fields(body(send("PUT", "/api/v1/checks/" + id, input)))).containsExactly("version");
        input.put("version", created.get("version").asLong());
        input.put("intervalSeconds", 120);
        var first = send("PUT", "/api/v1/checks/" + id, input);
        assertThat(first).hasStatusOk();
        assertThat(body(first).get("intervalSeconds").asInt()).isEqualTo(120);
        var stale = send("PUT", "/api/v1/checks/" + id, input);
        assertThat(stale).hasStatus(409);
        assertThat(fields(body(stale))).containsExactly("version");
    }

    @Test
    void deletingACheckOrItsCiRemovesIt() {
        var ci = createCi(unique("vm"));
        var one = body(send("POST", "/api/v1/checks", tcpCheck(ci, "a"))).get("id").asString();
        body(send("POST", "/api/v1/checks", tcpCheck(ci, "b")));
        assertThat(send("DELETE", "/api/v1/checks/" + one, null)).hasStatus(204);
        assertThat(send("GET", "/api/v1/checks/" + one, null)).hasStatus(404);
        assertThat(send("DELETE", "/api/v1/cis/" + ci, null)).hasStatus(204);
        assertThat(body(send("GET", "/api/v1/checks?ci=" + ci, null)).get("total").asLong()).isZero();
    }

    @Test
    void badFiltersAreRefused() {
        var result = send("GET", "/api/v1/checks?ci=nope&type=magic", null);
        assertThat(result).hasStatus(422);
        assertThat(fields(body(result))).containsExactlyInAnyOrder("ci", "type");
    }
}
