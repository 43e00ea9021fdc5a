package io.opsline.identity.internal;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Browser;
import io.opsline.platform.PlatformProperties;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The very first start: no admin password given, so one is generated and left in a file only the
 * service account may read; the operator's bootstrap token becomes an admin API token. Runs in a
 * context (and database) of its own, as only a first start on an empty database shows this.
 */
@OpslineIntegrationTest
@TestPropertySource(properties = {"opsline.identity.admin-password=",
        "opsline.identity.bootstrap-token=" + AdminBootstrapIT.BOOTSTRAP_TOKEN})
class AdminBootstrapIT {

    static final String BOOTSTRAP_TOKEN = "provision-me-0123456789-abcdef";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformProperties platform;
    @Autowired
    AdminBootstrap bootstrap;

    @Test
    void writesTheGeneratedAdminPasswordToAFileOnlyItsOwnerMayRead() throws IOException {
        var file = passwordFile();

        assertThat(file).isRegularFile();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
        var password = Files.readString(file).strip();
        assertThat(password).hasSize(20).matches("[A-Za-z2-9]+").isNotEqualTo(TestDatabase.ADMIN_PASSWORD);
        assertThat(new Browser(mvc).signIn("admin", password)).hasRedirectedUrl("/");
        assertThat(new Browser(mvc).signIn("admin", TestDatabase.ADMIN_PASSWORD)).hasRedirectedUrl("/login?error");
    }

    @Test
    void theBootstrapTokenActsAsTheAdmin() {
        var api = new ApiCalls(mvc, json);
        var me = api.get(BOOTSTRAP_TOKEN, "/api/v1/me");
        assertThat(me).hasStatusOk();
        assertThat(api.body(me).get("username").asString()).isEqualTo("admin");
        assertThat(api.body(me).get("role").asString()).isEqualTo("admin");
        assertThat(api.get(BOOTSTRAP_TOKEN, "/api/v1/users")).hasStatusOk();
        assertThat(api.get(BOOTSTRAP_TOKEN.substring(1), "/api/v1/me")).hasStatus(401);
    }

    @Test
    void storesTheBootstrapTokenOnlyAsItsHash() {
        var row = jdbc.sql("SELECT * FROM api_token WHERE name = 'bootstrap'").query().singleRow();

        assertThat(row.get("token_hash").toString().trim()).isEqualTo(TokenSecrets.hash(BOOTSTRAP_TOKEN))
                .matches("[0-9a-f]{64}");
        assertThat(row.get("role")).isEqualTo("ADMIN");
        assertThat(row.values()).noneMatch(value -> value != null && value.toString().contains(BOOTSTRAP_TOKEN));
        var audited = jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE after_state LIKE ? OR summary LIKE ?")
                .params("%" + BOOTSTRAP_TOKEN + "%", "%" + BOOTSTRAP_TOKEN + "%").query(Long.class).single();
        assertThat(audited).isZero();
    }

    @Test
    void aLaterStartLeavesTheAdminTheTokenAndThePasswordFileAlone() throws IOException {
        var password = Files.readString(passwordFile());
        var hash = adminPasswordHash();

        bootstrap.run(null);

        assertThat(Files.readString(passwordFile())).isEqualTo(password);
        assertThat(adminPasswordHash()).isEqualTo(hash);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE name = 'bootstrap'").query(Long.class).single())
                .isEqualTo(1);
    }

    Path passwordFile() {
        return platform.dataDir().resolve("initial-admin-password");
    }

    String adminPasswordHash() {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE username_key = 'admin'").query(String.class).single();
    }
}
