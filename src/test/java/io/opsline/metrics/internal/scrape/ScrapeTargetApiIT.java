package io.opsline.metrics.internal.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scrape targets over REST: created with defaults, validated field by field, changed on a version, audited. */
@OpslineIntegrationTest
class ScrapeTargetApiIT {

    private static final String BASE = "/api/v1/scrape-targets";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private static String unique() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private MvcTestResult send(String method, String token, String uri, String body) {
        var request = switch (method) {
            case "POST" -> mvc.post();
            case "PUT" -> mvc.put();
            case "DELETE" -> mvc.delete();
            default -> mvc.get();
        };
        var spec = request.uri(uri).header("Authorization", "Bearer " + token);
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return spec.exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    @Test
    void createsATargetWithPrometheusDefaultsAndReadsItBack() {
        var name = unique();
        var created = send("POST", accounts.admin().token(), BASE,
                "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9100/metrics\",\"interval\":\"500ms\","
                        + "\"labels\":{\"env\":\"prod\"},\"keep\":[\"node_.*\"]}");
        assertThat(created).hasStatus(201);
        var target = body(created);
        assertThat(target.get("interval").asString()).isEqualTo("500ms");
        assertThat(target.get("timeout").asString()).isEqualTo("500ms");
        assertThat(target.get("labels").get("job").asString()).isEqualTo(name);
        assertThat(target.get("labels").get("instance").asString()).isEqualTo("127.0.0.1:9100");
        assertThat(target.get("labels").get("env").asString()).isEqualTo("prod");
        assertThat(target.get("enabled").asBoolean()).isTrue();

        var id = target.get("id").asString();
        var read = send("GET", accounts.viewer().token(), BASE + "/" + id, null);
        assertThat(read).hasStatus(200);
        assertThat(body(read).get("keep").get(0).asString()).isEqualTo("node_.*");
        assertThat(body(send("GET", accounts.viewer().token(), BASE, null)).valueStream()
                .anyMatch(t -> t.get("name").asString().equals(name))).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'scrape-target.create' AND entity_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void refusesBadInputNamingEachField() throws Exception {
        var result = send("POST", accounts.admin().token(), BASE,
                "{\"name\":\"bad name\",\"url\":\"ftp://host/metrics\",\"interval\":\"5x\",\"timeout\":\"1m\","
                        + "\"labels\":{\"__bad\":\"x\"},\"drop\":[\"node_(\"]}");
        assertThat(result).hasStatus(422);
        var text = result.getResponse().getContentAsString();
        assertThat(text).contains("\"name\"").contains("http or https").contains("5x\\\" is not a duration")
                .contains("labels.__bad").contains("drop[0]").contains("Unclosed group");

        var tooLong = send("POST", accounts.admin().token(), BASE,
                "{\"name\":\"" + unique() + "\",\"url\":\"http://h:1/m\",\"interval\":\"10s\",\"timeout\":\"15s\"}");
        assertThat(tooLong).hasStatus(422);
        assertThat(tooLong.getResponse().getContentAsString()).contains("timeout").contains("longer than the interval (10s)");
    }

    @Test
    void refusesADuplicateNameAndAStaleVersionAndDeletes() throws Exception {
        var name = unique();
        var body = "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9/metrics\"}";
        var created = body(send("POST", accounts.admin().token(), BASE, body));
        var id = created.get("id").asString();
        var duplicate = send("POST", accounts.admin().token(), BASE, body);
        assertThat(duplicate).hasStatus(422);
        assertThat(duplicate.getResponse().getContentAsString()).contains("exists already");

        var changed = send("PUT", accounts.admin().token(), BASE + "/" + id,
                "{\"version\":0,\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9/metrics\",\"interval\":\"1m\"}");
        assertThat(changed).hasStatus(200);
        assertThat(body(changed).get("version").asLong()).isEqualTo(1);
        assertThat(body(changed).get("timeout").asString()).isEqualTo("10s");
        var stale = send("PUT", accounts.admin().token(), BASE + "/" + id,
                "{\"version\":0,\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9/metrics\"}");
        assertThat(stale).hasStatus(409);
        assertThat(send("DELETE", accounts.admin().token(), BASE + "/" + id + "?version=0", null)).hasStatus(409);

        assertThat(send("PUT", accounts.operator().token(), BASE + "/" + id,
                "{\"version\":1,\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9/metrics\"}")).hasStatus(403);
        assertThat(send("DELETE", accounts.admin().token(), BASE + "/" + id + "?version=1", null)).hasStatus(204);
        assertThat(send("GET", accounts.viewer().token(), BASE + "/" + id, null)).hasStatus(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity_type = 'scrape-target' AND entity_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(3);
    }
}
