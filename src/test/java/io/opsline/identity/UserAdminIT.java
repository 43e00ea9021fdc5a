package io.opsline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.identity.internal.UserManagement;
import io.opsline.platform.ConflictException;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Administering users and teams over the API, and the rules that protect admins from accidents. */
@OpslineIntegrationTest
class UserAdminIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    UserManagement userManagement;

    ApiCalls api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        admin = accounts.admin().token();
    }

    @Test
    void createsAUserAndAnswersWithItsLocation() {
        var username = ApiCalls.unique("Created");
        var created = api.post(admin, "/api/v1/users", Map.of("username", username, "displayName", "Created Person",
                "email", "created@example.com", "role", "operator", "password", "ten-chars!"));

        assertThat(created).hasStatus(201);
        assertThat(created).bodyText().doesNotContainIgnoringCase("password");
        var user = api.body(created);
        var id = user.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/users/" + id);
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("role").asString()).isEqualTo("operator");
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(user.get("version").asLong()).isZero();
        var read = api.get(admin, "/api/v1/users/" + id);
        assertThat(read).hasStatusOk();
        assertThat(api.body(read).get("email").asString()).isEqualTo("created@example.com");
        var found = api.body(api.get(admin, "/api/v1/users?q=" + username.toLowerCase()));
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void refusesInvalidInputNamingEachField() {
        var invalid = api.post(admin, "/api/v1/users", Map.of("username", "no spaces!", "role", "root",
                "password", "nine-char", "email", "not-an-email"));
        assertThat(invalid).hasStatus(422);
        assertThat(api.body(invalid).get("type").asString()).isEqualTo("urn:opsline:problem:invalid-input");
        assertThat(api.fields(invalid)).containsExactlyInAnyOrder("username", "role", "password", "email");

        var missing = api.post(admin, "/api/v1/users", Map.of());
        assertThat(missing).hasStatus(422);
        assertThat(api.fields(missing)).containsExactlyInAnyOrder("username", "role", "password");

        var username = ApiCalls.unique("same");
        var sameAsName = api.post(admin, "/api/v1/users", Map.of("username", username, "role", "viewer",
                "password", username.toUpperCase()));
        assertThat(sameAsName).hasStatus(422);
        assertThat(api.fields(sameAsName)).containsExactly("password");
        var unknownTeam = api.post(admin, "/api/v1/users", Map.of("username", username, "role", "viewer",
                "password", "long-enough-password", "teams", List.of(ApiCalls.unique("no-team"))));
        assertThat(unknownTeam).hasStatus(422);
        assertThat(api.fields(unknownTeam)).containsExactly("teams");
    }

    @Test
    void refusesADuplicateUsernameRegardlessOfCase() {
        var username = ApiCalls.unique("Twin");
        assertThat(createUser(username, "viewer")).hasStatus(201);

        var duplicate = createUser(username.toLowerCase(), "operator");

        assertThat(duplicate).hasStatus(409);
        assertThat(api.body(duplicate).get("type").asString()).isEqualTo("urn:opsline:problem:conflict");
        assertThat(api.fields(duplicate)).containsExactly("username");
    }

    @Test
    void anUpdateNeedsTheVersionLastReadAndRefusesAStaleOne() {
        var id = idOf(createUser(ApiCalls.unique("versioned"), "viewer"));
        var uri = "/api/v1/users/" + id;

        var unversioned = api.put(admin, uri, Map.of("displayName", "No Version"));
        assertThat(unversioned).hasStatus(422);
        assertThat(api.fields(unversioned)).containsExactly("version");

        var first = api.put(admin, uri, Map.of("displayName", "First", "version", 0));
        assertThat(first).hasStatusOk();
        assertThat(api.body(first).get("version").asLong()).isEqualTo(1);

        var stale = api.put(admin, uri, Map.of("displayName", "Lost Update", "version", 0));
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");
        assertThat(api.body(api.get(admin, uri)).get("displayName").asString()).isEqualTo("First");

        var renamed = api.put(admin, uri, Map.of("username", ApiCalls.unique("other"), "password", "sneaky-password",
                "version", 1));
        assertThat(renamed).hasStatus(422);
        assertThat(api.fields(renamed)).containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void anAdminMayBeDemotedDisabledOrDeletedWhileAnotherAdminRemains() {
        var demoted = accounts.fresh(Role.ADMIN);
        assertThat(change(demoted, Map.of("role", "operator"))).hasStatusOk();
        var disabled = accounts.fresh(Role.ADMIN);
        assertThat(change(disabled, Map.of("enabled", false))).hasStatusOk();
        var deleted = accounts.fresh(Role.ADMIN);
        assertThat(api.delete(admin, "/api/v1/users/" + deleted.id())).hasStatus(204);
        assertThat(api.get(admin, "/api/v1/users/" + deleted.id())).hasStatus(404);
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
        var last = accounts.fresh(Role.ADMIN);
        var bystander = accounts.fresh(Role.VIEWER);
        // Every other admin is disabled inside a transaction that is rolled back afterwards, so the rest
        // of the suite never sees an installation without them. The requests below join that transaction.
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE role = 'ADMIN' AND id <> ?").param(last.id()).update();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE role = 'ADMIN' AND enabled = TRUE")
                    .query(Long.class).single()).isEqualTo(1);

            var demote = api.put(last.token(), "/api/v1/users/" + last.id(), Map.of("role", "operator", "version", 0));
            assertThat(demote).hasStatus(409);
            assertThat(api.body(demote).get("detail").asString()).contains("last enabled admin");
            assertThat(api.put(last.token(), "/api/v1/users/" + last.id(), Map.of("enabled", false, "version", 0)))
                    .hasStatus(409);
            assertThatThrownBy(() -> TestAccounts.actingAs(bystander.username(), Role.ADMIN, () -> {
                userManagement.delete(last.id());
                return null;
            })).isInstanceOf(ConflictException.class).hasMessageContaining("last enabled admin");

            assertThat(api.put(last.token(), "/api/v1/users/" + last.id(),
                    Map.of("displayName", "Still The Admin", "version", 0))).hasStatusOk();
        });
        assertThat(api.body(api.get(admin, "/api/v1/users/" + last.id())).get("displayName").asString())
                .isEqualTo(last.username());
        assertThat(api.get(admin, "/api/v1/me")).hasStatusOk();
    }

    @Test
    void changingARoleOrStateEndsOpenSessionsButEditingAProfileDoesNot() {
        var user = accounts.fresh(Role.OPERATOR);
        var browser = new Browser(mvc);
        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/");

        assertThat(change(user, Map.of("displayName", "Renamed"))).hasStatusOk();
        assertThat(sessionsOf(user)).isEqualTo(1);
        assertThat(change(user, Map.of("role", "viewer"))).hasStatusOk();
        assertThat(sessionsOf(user)).isZero();
        assertThat(browser.get("/account/tokens")).hasStatus3xxRedirection();

        // Back where the ended session left off.
        assertThat(browser.signIn(user.username(), user.password())).redirectedUrl().endsWith("/account/tokens?continue");
        assertThat(sessionsOf(user)).isEqualTo(1);
        assertThat(change(user, Map.of("enabled", false))).hasStatusOk();
        assertThat(sessionsOf(user)).isZero();
    }

    @Test
    void anAdminCannotDeleteTheirOwnAccount() {
        var self = accounts.fresh(Role.ADMIN);
        var suicide = api.delete(self.token(), "/api/v1/users/" + self.id());
        assertThat(suicide).hasStatus(409);
        assertThat(api.body(suicide).get("detail").asString()).contains("your own account");
        assertThat(api.get(self.token(), "/api/v1/users/" + self.id())).hasStatusOk();
    }

    @Test
    void aPasswordResetReplacesTheOldPasswordAndEndsOpenSessions() {
        var user = accounts.fresh(Role.VIEWER);
        var signedIn = new Browser(mvc);
        assertThat(signedIn.signIn(user.username(), user.password())).hasRedirectedUrl("/");
        assertThat(sessionsOf(user)).isEqualTo(1);

        var tooShort = api.post(admin, "/api/v1/users/" + user.id() + "/password", Map.of("password", "short"));
        assertThat(tooShort).hasStatus(422);
        assertThat(api.fields(tooShort)).containsExactly("password");
        var reset = api.post(admin, "/api/v1/users/" + user.id() + "/password", Map.of("password", "brand-new-pass"));
        assertThat(reset).hasStatus(204);

        assertThat(sessionsOf(user)).isZero();
        assertThat(signedIn.get("/account/tokens")).hasStatus3xxRedirection();
        var browser = new Browser(mvc);
        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/login?error");
        assertThat(browser.signIn(user.username(), "brand-new-pass")).hasRedirectedUrl("/");
    }

    @Test
    void onlyAdminsManageUsersAndTeams() {
        for (var account : List.of(accounts.viewer(), accounts.operator())) {
            assertThat(api.get(account.token(), "/api/v1/users")).hasStatus(403);
            assertThat(api.post(account.token(), "/api/v1/users", Map.of("username", ApiCalls.unique("x"),
                    "role", "viewer", "password", "long-enough-password"))).hasStatus(403);
            assertThat(api.post(account.token(), "/api/v1/teams", Map.of("name", ApiCalls.unique("x"))))
                    .hasStatus(403);
            assertThat(api.get(account.token(), "/api/v1/teams")).hasStatusOk();
        }
    }

    @Test
    void managesTeamsWithMembersGivenByUsername() {
        var ann = accounts.fresh(Role.VIEWER);
        var ben = accounts.fresh(Role.OPERATOR);
        var name = ApiCalls.unique("Team");

        var created = api.post(admin, "/api/v1/teams", Map.of("name", name, "description", "First line",
                "members", List.of(ann.username().toUpperCase(), ben.username(), ben.username())));

        assertThat(created).hasStatus(201);
        var team = api.body(created);
        var uri = "/api/v1/teams/" + team.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo(uri);
        assertThat(members(team)).containsExactlyInAnyOrder(ann.username(), ben.username());
        assertThat(teamsOf(ann)).containsExactly(name);

        var updated = api.put(admin, uri, Map.of("name", name + "-2", "members", List.of(ben.username()),
                "version", 0));
        assertThat(updated).hasStatusOk();
        assertThat(members(api.body(updated))).containsExactly(ben.username());
        assertThat(api.body(updated).get("version").asLong()).isEqualTo(1);
        assertThat(teamsOf(ann)).isEmpty();
        var kept = api.put(admin, uri, Map.of("name", name + "-2", "description", "Second line", "version", 1));
        assertThat(members(api.body(kept))).containsExactly(ben.username());
        assertThat(api.body(api.get(accounts.viewer().token(), uri)).get("description").asString())
                .isEqualTo("Second line");

        assertThat(api.delete(admin, uri)).hasStatus(204);
        assertThat(api.get(admin, uri)).hasStatus(404);
        assertThat(teamsOf(ben)).isEmpty();
    }

    @Test
    void refusesUnknownMembersDuplicateNamesAndStaleTeamVersions() {
        var name = ApiCalls.unique("Unique");
        var created = api.post(admin, "/api/v1/teams", Map.of("name", name));
        assertThat(created).hasStatus(201);
        var uri = "/api/v1/teams/" + api.body(created).get("id").asString();

        var unknown = api.post(admin, "/api/v1/teams", Map.of("name", ApiCalls.unique("t"),
                "members", List.of(ApiCalls.unique("ghost"))));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("members");
        var duplicate = api.post(admin, "/api/v1/teams", Map.of("name", name.toLowerCase()));
        assertThat(duplicate).hasStatus(409);
        assertThat(api.fields(duplicate)).containsExactly("name");
        var other = api.body(api.post(admin, "/api/v1/teams", Map.of("name", ApiCalls.unique("other"))));
        var renameClash = api.put(admin, "/api/v1/teams/" + other.get("id").asString(),
                Map.of("name", name.toUpperCase(), "version", 0));
        assertThat(renameClash).hasStatus(409);
        assertThat(api.fields(renameClash)).containsExactly("name");

        var unversioned = api.put(admin, uri, Map.of("name", name));
        assertThat(unversioned).hasStatus(422);
        assertThat(api.fields(unversioned)).containsExactly("version");
        assertThat(api.put(admin, uri, Map.of("name", name, "description", "v1", "version", 0))).hasStatusOk();
        var stale = api.put(admin, uri, Map.of("name", name, "description", "lost", "version", 0));
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");
    }

    @Test
    void deletingATeamLeavesItsConfigurationItemsWithoutAnOwnerAndAuditsIt() {
        var teamName = ApiCalls.unique("owners");
        var team = api.body(api.post(admin, "/api/v1/teams", Map.of("name", teamName)));
        var teamId = team.get("id").asString();
        var ci = api.post(accounts.operator().token(), "/api/v1/cis", Map.of("class", "server",
                "name", ApiCalls.unique("owned"), "ownerTeam", teamName));
        assertThat(ci).hasStatus(201);
        var ciUri = "/api/v1/cis/" + api.body(ci).get("id").asString();
        assertThat(api.body(ci).get("ownerTeam").asString()).isEqualTo(teamName);

        assertThat(api.delete(admin, "/api/v1/teams/" + teamId)).hasStatus(204);

        var orphan = api.body(api.get(accounts.viewer().token(), ciUri));
        assertThat(orphan.path("ownerTeam").isMissingNode() || orphan.get("ownerTeam").isNull())
                .as("ownerTeam of %s", orphan).isTrue();
        assertThat(orphan.get("version").asLong()).isEqualTo(1);
        var records = api.body(api.get(admin, "/api/v1/audit?entityType=team&entityId=" + teamId)).get("items");
        assertThat(records.valueStream().map(r -> r.get("action").asString()))
                .containsExactly("team.delete", "ci.owner-cleared", "team.create");
        assertThat(records.get(1).get("summary").asString())
                .isEqualTo("1 configuration item(s) lost their owner team " + teamName);
    }

    MvcTestResult createUser(String username, String role) {
        return api.post(admin, "/api/v1/users", Map.of("username", username, "role", role,
                "password", "long-enough-password"));
    }

    String idOf(MvcTestResult created) {
        assertThat(created).hasStatus(201);
        return api.body(created).get("id").asString();
    }

    MvcTestResult change(Account user, Map<String, Object> changes) {
        var current = api.body(api.get(admin, "/api/v1/users/" + user.id()));
        var body = new HashMap<String, Object>(changes);
        body.put("version", current.get("version").asLong());
        return api.put(admin, "/api/v1/users/" + user.id(), body);
    }

    List<String> teamsOf(Account user) {
        return api.body(api.get(admin, "/api/v1/users/" + user.id())).get("teams").valueStream()
                .map(JsonNode::asString).toList();
    }

    static List<String> members(JsonNode team) {
        return team.get("members").valueStream().map(JsonNode::asString).toList();
    }

    long sessionsOf(Account user) {
        return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?").param(user.username())
                .query(Long.class).single();
    }
}
