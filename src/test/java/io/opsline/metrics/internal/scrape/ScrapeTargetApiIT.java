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

    @Test
    void aPasswordIsStoredSealedShownMaskedAndKeptWhenSentBackMasked() throws Exception {
        var name = unique();
        var created = send("POST", accounts.admin().token(), BASE, "{\"name\":\"" + name + "\",\"url\":"
                + "\"https://127.0.0.1:9100/metrics\",\"auth\":\"basic\",\"username\":\"prom\","
                + "\"password\":\"Hunter2-secret\",\"insecureSkipVerify\":true}");
        assertThat(created).hasStatus(201);
        var target = body(created);
        var id = target.get("id").asString();
        assertThat(target.get("auth").asString()).isEqualTo("basic");
        assertThat(target.get("username").asString()).isEqualTo("prom");
        assertThat(target.get("password").asString()).isEqualTo("********");
        assertThat(target.get("insecureSkipVerify").asBoolean()).isTrue();
        assertThat(send("GET", accounts.viewer().token(), BASE + "/" + id, null).getResponse().getContentAsString())
                .doesNotContain("Hunter2-secret");
        var sealed = storedSecret(id);
        assertThat(sealed).startsWith("v1:").doesNotContain("Hunter2-secret");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE entity_id = ? AND (after_state LIKE ?"
                + " OR after_state LIKE ?)").params(id, "%Hunter2-secret%", "%" + sealed + "%").query(Long.class)
                .single()).as("the audit record holds neither the password nor its sealed form").isZero();

        var kept = send("PUT", accounts.admin().token(), BASE + "/" + id, "{\"version\":0,\"name\":\"" + name
                + "\",\"url\":\"https://127.0.0.1:9100/metrics\",\"auth\":\"basic\",\"username\":\"prom\","
                + "\"password\":\"********\",\"insecureSkipVerify\":true}");
        assertThat(kept).hasStatus(200);
        assertThat(storedSecret(id)).isEqualTo(sealed);

        var noTokenToKeep = send("PUT", accounts.admin().token(), BASE + "/" + id, "{\"version\":1,\"name\":\""
                + name + "\",\"url\":\"https://127.0.0.1:9100/metrics\",\"auth\":\"bearer\","
                + "\"bearerToken\":\"********\"}");
        assertThat(noTokenToKeep).hasStatus(422);
        assertThat(noTokenToKeep.getResponse().getContentAsString()).contains("bearerToken")
                .contains("none is stored for bearer auth");

        var none = send("PUT", accounts.admin().token(), BASE + "/" + id, "{\"version\":1,\"name\":\"" + name
                + "\",\"url\":\"https://127.0.0.1:9100/metrics\"}");
        assertThat(none).hasStatus(200);
        assertThat(body(none).get("auth").asString()).isEqualTo("none");
        assertThat(body(none).get("password").isNull()).isTrue();
        assertThat(storedSecret(id)).isNull();
    }

    @Test
    void refusesCredentialsAndCertificatesThatCannotWork() throws Exception {
        var result = send("POST", accounts.admin().token(), BASE, "{\"name\":\"" + unique() + "\",\"url\":"
                + "\"http://127.0.0.1:9100/metrics\",\"auth\":\"digest\",\"caCertificate\":\"-----BEGIN CERTIFICATE-----\\n"
                + "bm90IGEgY2VydGlmaWNhdGU=\\n-----END CERTIFICATE-----\",\"insecureSkipVerify\":true}");
        assertThat(result).hasStatus(422);
        var text = result.getResponse().getContentAsString();
        assertThat(text).contains("must be none, basic or bearer").contains("caCertificate")
                .contains("applies to https URLs only");

        var broken = send("POST", accounts.admin().token(), BASE, "{\"name\":\"" + unique() + "\",\"url\":"
                + "\"https://127.0.0.1:9100/metrics\",\"auth\":\"basic\",\"username\":\"a:b\","
                + "\"bearerToken\":\"x\",\"caCertificate\":\"-----BEGIN CERTIFICATE-----\\nbm90\\n-----END CERTIFICATE-----\"}");
        assertThat(broken).hasStatus(422);
        assertThat(broken.getResponse().getContentAsString()).contains("must not contain a colon")
                .contains("\"password\"").contains("is required for basic auth")
                .contains("is used with bearer auth only").contains("is not a readable PEM certificate");

        var both = send("POST", accounts.admin().token(), BASE, "{\"name\":\"" + unique() + "\",\"url\":"
                + "\"https://127.0.0.1:9100/metrics\",\"caCertificate\":\"nothing\",\"insecureSkipVerify\":true}");
        assertThat(both).hasStatus(422);
        assertThat(both.getResponse().getContentAsString()).contains("insecureSkipVerify")
                .contains("cannot be combined with a CA certificate");
        var notPem = send("POST", accounts.admin().token(), BASE, "{\"name\":\"" + unique() + "\",\"url\":"
                + "\"https://127.0.0.1:9100/metrics\",\"caCertificate\":\"nothing\"}");
        assertThat(notPem).hasStatus(422);
        assertThat(notPem.getResponse().getContentAsString()).contains("holds no PEM certificate");
    }

    private String storedSecret(String id) {
        return jdbc.sql("SELECT auth_secret FROM metric_scrape_target WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).list().getFirst();
    }
}
