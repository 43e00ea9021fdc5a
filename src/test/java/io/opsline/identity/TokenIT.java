package io.opsline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API tokens: issued once, stored hashed, bounded by their user's current role and state. */
@OpslineIntegrationTest
class TokenIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    ApiCalls api;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
    }

    @Test
    void showsTheSecretOnceAndStoresOnlyItsHash() {
        var operator = accounts.fresh(Role.OPERATOR);

        var created = api.post(operator.token(), "/api/v1/tokens", Map.of("name", "deploy bot"));

        assertThat(created).hasStatus(201);
        var answer = api.body(created);
        var secret = answer.get("secret").asString();
        var token = answer.get("token");
        var id = token.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/tokens/" + id);
        assertThat(secret).matches("opl_[0-9A-Za-z]{40}");
        assertThat(token.get("prefix").asString()).isEqualTo(secret.substring(0, 10));
        assertThat(token.get("role").asString()).isEqualTo("operator");
        assertThat(token.get("owner").asString()).isEqualTo(operator.username());
        assertThat(token.get("active").asBoolean()).isTrue();

        var list = api.get(operator.token(), "/api/v1/tokens");
        assertThat(list).hasStatusOk();
        assertThat(list).bodyText().doesNotContain(secret).doesNotContain(secret.substring(10)).doesNotContain("secret");
        assertThat(item(api.body(list), id).get("prefix").asString()).isEqualTo(secret.substring(0, 10));

        var stored = jdbc.sql("SELECT * FROM api_token WHERE id = ?").param(UUID.fromString(id)).query().singleRow();
        assertThat(stored.get("token_hash").toString().trim()).isEqualTo(sha256Hex(secret)).isNotEqualTo(secret);
        assertThat(stored.values()).noneMatch(value -> value != null && value.toString().contains(secret.substring(10)));

        assertThat(me(secret).get("username").asString()).isEqualTo(operator.username());
    }

    @Test
    void neverWritesTheSecretToTheAuditLog() {
        var viewer = accounts.fresh(Role.VIEWER);
        var created = api.body(api.post(viewer.token(), "/api/v1/tokens", Map.of("name", "audited")));
        var id = created.get("token").get("id").asString();
        assertThat(api.delete(viewer.token(), "/api/v1/tokens/" + id)).hasStatus(204);

        var records = api.body(api.get(accounts.admin().token(), "/api/v1/audit?entityType=token&entityId=" + id));

        assertThat(records.get("items").valueStream().map(r -> r.get("action").asString()))
                .containsExactly("token.revoke", "token.create");
        assertThat(records.toString()).doesNotContain(created.get("secret").asString().substring(10));
    }

    @Test
    void refusesARevokedTokenWithAProblem() {
        var viewer = accounts.fresh(Role.VIEWER);
        var created = api.body(api.post(viewer.token(), "/api/v1/tokens", Map.of("name", "short-lived")));
        var secret = created.get("secret").asString();
        var id = created.get("token").get("id").asString();
        assertThat(api.get(secret, "/api/v1/me")).hasStatusOk();

        assertThat(api.delete(viewer.token(), "/api/v1/tokens/" + id)).hasStatus(204);

        assertRefused(api.get(secret, "/api/v1/me"));
        var listed = item(api.body(api.get(viewer.token(), "/api/v1/tokens")), id);
        assertThat(listed.get("active").asBoolean()).isFalse();
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        assertThat(api.get(viewer.token(), "/api/v1/me")).hasStatusOk();
    }

    @Test
    void refusesAnExpiredToken() {
        var viewer = accounts.fresh(Role.VIEWER);
        var day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        var created = api.body(api.post(viewer.token(), "/api/v1/tokens",
                Map.of("name", "expiring", "expiresAt", day.toString())));
        var secret = created.get("secret").asString();
        var id = UUID.fromString(created.get("token").get("id").asString());
        assertThat(Instant.parse(created.get("token").get("expiresAt").asString()))
                .isEqualTo(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(api.get(secret, "/api/v1/me")).hasStatusOk();

        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?")
                .params(Jdbc.timestamp(Instant.now().minus(1, ChronoUnit.MINUTES)), id).update();

        assertRefused(api.get(secret, "/api/v1/me"));
        assertThat(item(api.body(api.get(viewer.token(), "/api/v1/tokens")), id.toString()).get("active").asBoolean())
                .isFalse();
    }

    @Test
    void refusesAnExpiryInThePastOrUnreadableAndAMissingName() {
        var viewer = accounts.viewer();
        var past = api.post(viewer.token(), "/api/v1/tokens", Map.of("name", "old", "expiresAt", "2020-01-01"));
        assertThat(past).hasStatus(422);
        assertThat(api.fields(past)).containsExactly("expiresAt");
        var unreadable = api.post(viewer.token(), "/api/v1/tokens", Map.of("name", "x", "expiresAt", "tomorrow"));
        assertThat(unreadable).hasStatus(422);
        assertThat(api.fields(unreadable)).containsExactly("expiresAt");
        var nameless = api.post(viewer.token(), "/api/v1/tokens", Map.of("name", " "));
        assertThat(nameless).hasStatus(422);
        assertThat(api.fields(nameless)).containsExactly("name");
    }

    @Test
    void aTokenCannotOutrankItsCreator() {
        var operator = accounts.fresh(Role.OPERATOR);
        var above = api.post(operator.token(), "/api/v1/tokens", Map.of("name", "escalate", "role", "admin"));
        assertThat(above).hasStatus(422);
        assertThat(api.fields(above)).containsExactly("role");
        var unknown = api.post(operator.token(), "/api/v1/tokens", Map.of("name", "odd", "role", "root"));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("role");

        // A narrowed token cannot mint a wider one either: the acting role is the token's.
        var viewerToken = createToken(operator, "viewer");
        var widen = api.post(viewerToken, "/api/v1/tokens", Map.of("name", "widen", "role", "operator"));
        assertThat(widen).hasStatus(422);
        assertThat(api.fields(widen)).containsExactly("role");
        assertThat(tokenRows(operator)).isEqualTo(2);
    }

    @Test
    void aViewerTokenOfAnOperatorMayReadButNotChangeTheInventory() {
        var operator = accounts.fresh(Role.OPERATOR);
        var viewerToken = createToken(operator, "viewer");

        var me = me(viewerToken);
        assertThat(me.get("username").asString()).isEqualTo(operator.username());
        assertThat(me.get("role").asString()).isEqualTo("viewer");
        assertThat(api.get(viewerToken, "/api/v1/cis")).hasStatusOk();
        var refused = api.post(viewerToken, "/api/v1/cis", Map.of("class", "server", "name", ApiCalls.unique("srv")));
        assertThat(refused).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(api.body(refused).get("type").asString()).isEqualTo("urn:opsline:problem:forbidden");

        assertThat(api.post(operator.token(), "/api/v1/cis", Map.of("class", "server", "name", ApiCalls.unique("srv"))))
                .hasStatus(201);
    }

    @Test
    void showsTheRoleTheCallerActsWith() {
        var admin = accounts.fresh(Role.ADMIN);
        assertThat(me(admin.token()).get("role").asString()).isEqualTo("admin");
        assertThat(me(createToken(admin, "operator")).get("role").asString()).isEqualTo("operator");
        assertThat(me(createToken(admin, "viewer")).get("role").asString()).isEqualTo("viewer");
    }

    @Test
    void demotingAUserNarrowsTheirTokensAtOnce() {
        var operator = accounts.fresh(Role.OPERATOR);
        assertThat(me(operator.token()).get("role").asString()).isEqualTo("operator");

        changeUser(operator, Map.of("role", "viewer"));

        assertThat(me(operator.token()).get("role").asString()).isEqualTo("viewer");
        assertThat(api.post(operator.token(), "/api/v1/cis", Map.of("class", "server", "name", ApiCalls.unique("s"))))
                .hasStatus(403);
    }

    @Test
    void disablingAUserShutsOutTheirTokensUntilEnabledAgain() {
        var viewer = accounts.fresh(Role.VIEWER);
        assertThat(api.get(viewer.token(), "/api/v1/me")).hasStatusOk();

        changeUser(viewer, Map.of("enabled", false));
        assertRefused(api.get(viewer.token(), "/api/v1/me"));

        changeUser(viewer, Map.of("enabled", true));
        assertThat(api.get(viewer.token(), "/api/v1/me")).hasStatusOk();
    }

    @Test
    void adminsSeeAndRevokeEveryonesTokensOthersOnlyTheirOwn() {
        var alice = accounts.fresh(Role.VIEWER);
        var bob = accounts.fresh(Role.OPERATOR);
        var aliceTokenId = onlyTokenId(alice);
        var bobTokenId = onlyTokenId(bob);

        var everyone = api.body(api.get(accounts.admin().token(), "/api/v1/tokens?all=true"));
        assertThat(item(everyone, aliceTokenId).get("owner").asString()).isEqualTo(alice.username());
        assertThat(item(everyone, bobTokenId).get("owner").asString()).isEqualTo(bob.username());
        var adminOwn = api.body(api.get(accounts.admin().token(), "/api/v1/tokens"));
        assertThat(owners(adminOwn)).containsOnly(accounts.admin().username());

        var aliceAsksForAll = api.body(api.get(alice.token(), "/api/v1/tokens?all=true"));
        assertThat(owners(aliceAsksForAll)).containsOnly(alice.username());

        var foreign = api.delete(alice.token(), "/api/v1/tokens/" + bobTokenId);
        assertThat(foreign).hasStatus(404);
        assertThat(api.body(foreign).get("type").asString()).isEqualTo("urn:opsline:problem:not-found");
        assertThat(api.get(bob.token(), "/api/v1/me")).hasStatusOk();

        assertThat(api.delete(accounts.admin().token(), "/api/v1/tokens/" + bobTokenId)).hasStatus(204);
        assertRefused(api.get(bob.token(), "/api/v1/me"));
        assertThat(api.delete(alice.token(), "/api/v1/tokens/" + UUID.randomUUID())).hasStatus(404);
    }

    @Test
    void recordsWhenATokenWasLastUsed() {
        var viewer = accounts.fresh(Role.VIEWER);
        var id = jdbc.sql("SELECT id FROM api_token WHERE user_id = ?").param(viewer.id()).query(UUID.class).single()
                .toString();
        assertThat(lastUsed(id)).isNull();
        var before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThat(api.get(viewer.token(), "/api/v1/me")).hasStatusOk();

        assertThat(lastUsed(id)).isNotNull().isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
        var listed = item(api.body(api.get(viewer.token(), "/api/v1/tokens")), id);
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void refusesUnknownAndMalformedTokensAndMissingCredentials() {
        assertRefused(api.get("opl_" + "x".repeat(40), "/api/v1/me"));
        assertRefused(api.get("short", "/api/v1/me"));
        assertRefused(api.get("y".repeat(500), "/api/v1/me"));
        var anonymous = mvc.get().uri("/api/v1/me").exchange();
        assertThat(anonymous).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(api.body(anonymous).get("detail").asString()).contains("Authorization: Bearer");
    }

    void assertRefused(MvcTestResult result) {
        assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
        var problem = api.body(result);
        assertThat(problem.get("type").asString()).isEqualTo("urn:opsline:problem:unauthorized");
        assertThat(problem.get("detail").asString()).isEqualTo("The API token is unknown, revoked or expired");
    }

    JsonNode me(String token) {
        var result = api.get(token, "/api/v1/me");
        assertThat(result).hasStatusOk();
        return api.body(result);
    }

    String createToken(Account owner, String role) {
        var created = api.post(owner.token(), "/api/v1/tokens", Map.of("name", role + " token", "role", role));
        assertThat(created).hasStatus(201);
        return api.body(created).get("secret").asString();
    }

    void changeUser(Account user, Map<String, Object> changes) {
        var admin = accounts.admin().token();
        var current = api.body(api.get(admin, "/api/v1/users/" + user.id()));
        var body = new java.util.HashMap<String, Object>(changes);
        body.put("version", current.get("version").asLong());
        assertThat(api.put(admin, "/api/v1/users/" + user.id(), body)).hasStatusOk();
    }

    String onlyTokenId(Account user) {
        var tokens = api.body(api.get(user.token(), "/api/v1/tokens"));
        assertThat(tokens.size()).isEqualTo(1);
        return tokens.get(0).get("id").asString();
    }

    long tokenRows(Account user) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = ?").param(user.id()).query(Long.class).single();
    }

    Instant lastUsed(String tokenId) {
        return jdbc.sql("SELECT last_used_at FROM api_token WHERE id = ?").param(UUID.fromString(tokenId))
                .query((rs, n) -> Jdbc.instant(rs, "last_used_at")).optional().orElse(null);
    }

    static JsonNode item(JsonNode list, String id) {
        return list.valueStream().filter(t -> t.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("token " + id + " not listed in " + list));
    }

    static List<String> owners(JsonNode list) {
        return list.valueStream().map(t -> t.get("owner").asString()).distinct().toList();
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
