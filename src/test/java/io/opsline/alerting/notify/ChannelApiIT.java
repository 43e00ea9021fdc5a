package io.opsline.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Setting up channels over REST: what bad input gets, conflicts, what is kept secret, and the audit trail. */
@OpslineIntegrationTest
class ChannelApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private static Map<String, Object> email(String name) {
        var input = new HashMap<String, Object>();
        input.put("name", name);
        input.put("kind", "email");
        input.put("smtpHost", "smtp.example.com");
        input.put("fromAddress", "opsline@example.com");
        input.put("recipients", List.of("oncall@example.com"));
        return input;
    }

    @Test
    void badInputIsRefusedWithEveryFieldNamed() {
        var admin = accounts.admin().token();
        assertThat(api().fields(api().post(admin, "/api/v1/notification-channels",
                Map.of("name", "", "kind", "pigeon")))).containsExactlyInAnyOrder("name", "kind");
        var broken = email(ApiCalls.unique("mail"));
        broken.put("smtpHost", "smtp.example.com; rm -rf");
        broken.put("smtpPort", 70000);
        broken.put("smtpSecurity", "maybe");
        broken.put("fromAddress", "not an address");
        broken.put("recipients", List.of("ok@example.com", "Bob <bob@example.com>", "a,b@example.com"));
        broken.put("smtpPassword", "secret");
        var refused = api().post(admin, "/api/v1/notification-channels", broken);
        assertThat(refused).hasStatus(422);
        assertThat(api().fields(refused)).containsExactlyInAnyOrder("smtpHost", "smtpPort", "smtpSecurity",
                "fromAddress", "recipients", "smtpPassword");
        for (var url : List.of("ftp://example.com/x", "javascript:alert(1)", "/relative", "http://")) {
            var hook = api().post(admin, "/api/v1/notification-channels",
                    Map.of("name", ApiCalls.unique("hook"), "kind", "webhook", "url", url));
            assertThat(hook).as(url).hasStatus(422);
            assertThat(api().fields(hook)).as(url).containsExactly("url");
        }
        assertThat(api().fields(api().post(admin, "/api/v1/notification-channels",
                Map.of("name", ApiCalls.unique("hook"), "kind", "webhook", "url", "https://example.com/h",
                        "secret", "short")))).containsExactly("secret");
        assertThat(api().fields(api().post(admin, "/api/v1/notification-channels",
                Map.of("name", ApiCalls.unique("slack"), "kind", "slack")))).containsExactly("url");
        assertThat(api().post(accounts.operator().token(), "/api/v1/notification-channels",
                email(ApiCalls.unique("mail")))).hasStatus(403);
    }

    @Test
    void namesAreUniqueInAnyCaseAndAStaleVersionIsAConflict() {
        var admin = accounts.admin().token();
        var name = ApiCalls.unique("Mail");
        var created = api().post(admin, "/api/v1/notification-channels", email(name));
        assertThat(created).hasStatus(201);
        var channel = api().body(created).get("channel");
        var id = channel.get("id").asString();
        assertThat(channel.get("smtpSecurity").asString()).isEqualTo("STARTTLS");
        assertThat(channel.get("smtpPort").asInt()).isEqualTo(587);
        assertThat(channel.get("health").get("status").asString()).isEqualTo("UNTESTED");
        assertThat(api().fields(api().post(admin, "/api/v1/notification-channels", email(name.toUpperCase()))))
                .containsExactly("name");

        var change = email(name);
        change.put("recipients", List.of("dba@example.com"));
        assertThat(api().fields(api().put(admin, "/api/v1/notification-channels/" + id, change)))
                .containsExactly("version");
        change.put("version", 0);
        change.put("kind", "slack");
        assertThat(api().fields(api().put(admin, "/api/v1/notification-channels/" + id, change)))
                .containsExactly("kind");
        change.remove("kind");
        var changed = api().put(admin, "/api/v1/notification-channels/" + id, change);
        assertThat(changed).hasStatusOk();
        assertThat(api().body(changed).get("channel").get("recipients").get(0).asString()).isEqualTo("dba@example.com");
        assertThat(api().body(changed).get("channel").get("version").asInt()).isEqualTo(1);
        var stale = api().put(admin, "/api/v1/notification-channels/" + id, change);
        assertThat(stale).hasStatus(409);

        var actions = jdbc.sql("SELECT action FROM audit_record WHERE entity_type = 'notification-channel'"
                + " AND entity_id = ? ORDER BY seq").param(id).query(String.class).list();
        assertThat(actions).containsExactly("notification-channel.create", "notification-channel.update");
        assertThat(api().delete(admin, "/api/v1/notification-channels/" + id)).hasStatus(204);
        assertThat(api().get(admin, "/api/v1/notification-channels/" + id)).hasStatus(404);
        assertThat(api().put(admin, "/api/v1/notification-channels/" + id, change)).hasStatus(404);
        assertThat(api().post(admin, "/api/v1/notification-channels/" + id + "/test", null)).hasStatus(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'notification-channel.delete'"
                + " AND entity_id = ?").param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aChangeWithoutTheUrlKeepsItAndTheUrlIsNeverShown() throws Exception {
        var admin = accounts.admin().token();
        var name = ApiCalls.unique("teams");
        var url = "https://example.webhook.office.com/webhookb2/secret-part";
        var created = api().body(api().post(admin, "/api/v1/notification-channels",
                Map.of("name", name, "kind", "teams", "url", url)));
        var id = created.get("channel").get("id").asString();
        assertThat(created.get("secret").isNull()).isTrue();
        assertThat(created.get("channel").get("urlHint").asString()).isEqualTo("https://example.webhook.office.com/…");
        var sealed = jdbc.sql("SELECT sealed_url FROM notification_channel WHERE id = ?")
                .param(UUID.fromString(id)).query(String.class).single();

        var renamed = api().put(admin, "/api/v1/notification-channels/" + id,
                Map.of("name", name + "-renamed", "version", 0));
        assertThat(renamed).hasStatusOk();
        assertThat(jdbc.sql("SELECT sealed_url FROM notification_channel WHERE id = ?")
                .param(UUID.fromString(id)).query(String.class).single()).isEqualTo(sealed);
        var listed = api().get(accounts.viewer().token(), "/api/v1/notification-channels").getResponse()
                .getContentAsString();
        assertThat(listed).contains(name + "-renamed").doesNotContain("secret-part").doesNotContain(sealed);
    }

    @Test
    void deliveriesAreFilteredAndPagedAndBadFiltersAreRefused() {
        var viewer = accounts.viewer().token();
        assertThat(api().get(viewer, "/api/v1/notification-deliveries?status=LOST")).hasStatus(400);
        assertThat(api().get(viewer, "/api/v1/notification-deliveries?size=0")).hasStatus(422);
        assertThat(api().get(viewer, "/api/v1/notification-deliveries/" + UUID.randomUUID())).hasStatus(404);
        var page = api().body(api().get(viewer, "/api/v1/notification-deliveries?channel="
                + UUID.randomUUID() + "&status=FAILED&alert=" + UUID.randomUUID()));
        assertThat(page.get("total").asLong()).isZero();
    }
}
