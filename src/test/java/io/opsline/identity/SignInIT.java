package io.opsline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.internal.AuditQuery;
import io.opsline.identity.internal.AuditRecord;
import io.opsline.identity.internal.AuditRepository;
import io.opsline.identity.internal.IdentityProperties;
import io.opsline.platform.Jdbc;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Form sign-in through the real security filter chain, throttle and audit log. */
@OpslineIntegrationTest
class SignInIT {

    static final String WRONG = "Wrong username or password.";
    static final String TOO_MANY = "Too many failed sign-in attempts";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditRepository audit;
    @Autowired
    IdentityProperties properties;
    @Autowired
    JsonMapper json;

    @Test
    void showsTheSignInPageToAnyone() {
        var page = mvc.get().uri("/login").exchange();
        assertThat(page).hasStatusOk();
        assertThat(page).bodyText().contains("Sign in to Opsline").contains("name=\"_csrf\"")
                .doesNotContain(WRONG);
    }

    @Test
    void sendsVisitorsWhoAreNotSignedInToTheSignInPage() {
        var home = mvc.get().uri("/account/tokens").exchange();
        assertThat(home).hasStatus3xxRedirection();
        assertThat(home).redirectedUrl().endsWith("/login");
        var api = mvc.get().uri("/api/v1/me").exchange();
        assertThat(api).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signsInWithTheRightPasswordAndKeepsTheSessionInTheDatabase() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);

        var signIn = browser.signIn(user.username(), user.password());

        assertThat(signIn).hasStatus(302).hasRedirectedUrl("/");
        assertThat(browser.hasSession()).isTrue();
        assertThat(sessionsOf(user.username())).isEqualTo(1);
        assertThat(browser.get("/account/tokens")).hasStatusOk().bodyText().contains(user.username());
        var records = records(new AuditQuery(user.username(), "auth.sign-in", "session", null, null, null, null));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("auth.sign-in");
            assertThat(r.channel()).isEqualTo("ui");
            assertThat(r.remoteAddress()).isEqualTo(browser.address());
            assertThat(r.summary()).isEqualTo(user.username() + " signed in");
        });
    }

    @Test
    void refusesAWrongPasswordAndSaysSoOnTheSignInPage() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);

        var signIn = browser.signIn(user.username(), user.password() + "x");

        assertThat(signIn).hasStatus(302).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).startsWith("200").contains(WRONG);
        assertThat(sessionsOf(user.username())).isZero();
        assertThat(failedSignInsOf(user.username())).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("anonymous");
            assertThat(r.channel()).isEqualTo("ui");
            assertThat(r.remoteAddress()).isEqualTo(browser.address());
        });
        assertThat(records(new AuditQuery(user.username(), "auth.", null, null, null, null, null))).isEmpty();
    }

    @Test
    void answersAnUnknownUserExactlyLikeAWrongPassword() {
        var browser = new Browser(mvc);
        var signIn = browser.signIn(ApiCalls.unique("nobody"), "some-password-123");
        assertThat(signIn).hasStatus(302).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).contains(WRONG);
    }

    @Test
    void throttlesSignInAfterFiveFailures() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);
        int limit = properties.login().maxFailures();
        assertThat(limit).isEqualTo(5);

        for (int attempt = 1; attempt <= limit; attempt++) {
            assertThat(browser.signIn(user.username(), "wrong-password-" + attempt)).hasRedirectedUrl("/login?error");
            assertThat(browser.signInError()).as("message after failure %d", attempt).contains(WRONG);
        }
        var correct = browser.signIn(user.username(), user.password());

        assertThat(correct).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).contains(TOO_MANY).doesNotContain(WRONG);
        assertThat(sessionsOf(user.username())).isZero();
        assertThat(failedSignInsOf(user.username())).hasSize(limit);
    }

    @Test
    void blocksTwiceAsLongForEachFailureAfterABlockEnds() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);
        var key = "user:" + user.username().toLowerCase() + "@" + browser.address();
        var firstBlock = properties.login().firstBlock();
        for (int attempt = 0; attempt < properties.login().maxFailures(); attempt++) {
            browser.signIn(user.username(), "wrong-" + attempt);
        }
        assertThat(blockAfterLastFailure(key)).isEqualTo(firstBlock);
        assertThat(browser.signIn(user.username(), "refused-while-blocked")).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).containsPattern(TOO_MANY + "\\. Try again in \\d+ seconds\\.");

        endBlock(key);
        assertThat(browser.signIn(user.username(), "wrong-again")).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).contains(WRONG);

        assertThat(blockAfterLastFailure(key)).isEqualTo(firstBlock.multipliedBy(2));
        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).contains(TOO_MANY);
        endBlock(key);
        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_throttle WHERE throttle_key = ?").param(key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void forgetsFailuresThatAreLongPast() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);
        var key = "user:" + user.username().toLowerCase() + "@" + browser.address();
        for (int attempt = 0; attempt < properties.login().maxFailures(); attempt++) {
            browser.signIn(user.username(), "wrong-" + attempt);
        }
        // As if the last failure had happened longer ago than the longest block.
        var longAgo = Instant.now().minus(properties.login().longestBlock()).minusSeconds(60);
        jdbc.sql("UPDATE login_throttle SET last_failure_at = ?, blocked_until = ? WHERE throttle_key = ?")
                .params(Jdbc.timestamp(longAgo), Jdbc.timestamp(longAgo), key).update();

        assertThat(browser.signIn(user.username(), "one-more-typo")).hasRedirectedUrl("/login?error");

        assertThat(jdbc.sql("SELECT failures FROM login_throttle WHERE throttle_key = ?").param(key)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/");
    }

    @Test
    void aThrottledUserCanStillSignInFromAnotherAddress() {
        var user = accounts.fresh(Role.OPERATOR);
        var attacker = new Browser(mvc);
        for (int attempt = 0; attempt < properties.login().maxFailures(); attempt++) {
            attacker.signIn(user.username(), "guess-" + attempt);
        }
        assertThat(attacker.signIn(user.username(), user.password())).hasRedirectedUrl("/login?error");

        assertThat(new Browser(mvc).signIn(user.username(), user.password())).hasRedirectedUrl("/");
    }

    @Test
    void aSuccessfulSignInClearsTheUsersFailureCount() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);
        int belowLimit = properties.login().maxFailures() - 1;
        for (int round = 0; round < 2; round++) {
            for (int attempt = 0; attempt < belowLimit; attempt++) {
                assertThat(browser.signIn(user.username(), "typo-" + attempt)).hasRedirectedUrl("/login?error");
            }
            assertThat(browser.signIn(user.username(), user.password())).as("round %d", round).hasRedirectedUrl("/");
        }
    }

    @Test
    void throttlesAnAddressThatTriesManyUsers() {
        int perUser = properties.login().maxFailures() - 1;
        int perAddress = properties.login().maxFailuresPerAddress();
        var sprayer = new Browser(mvc);
        int failures = 0;
        while (failures < perAddress) {
            var victim = accounts.fresh(Role.VIEWER);
            for (int attempt = 0; attempt < perUser && failures < perAddress; attempt++, failures++) {
                assertThat(sprayer.signIn(victim.username(), "spray-" + attempt)).hasRedirectedUrl("/login?error");
            }
        }
        var untouched = accounts.fresh(Role.VIEWER);

        assertThat(sprayer.signIn(untouched.username(), untouched.password())).hasRedirectedUrl("/login?error");
        assertThat(sprayer.signInError()).contains(TOO_MANY);
        assertThat(new Browser(mvc).signIn(untouched.username(), untouched.password())).hasRedirectedUrl("/");
    }

    @Test
    void refusesASignInWithoutACsrfToken() {
        var user = accounts.fresh(Role.VIEWER);
        var forged = mvc.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("username", user.username()).param("password", user.password()).exchange();
        assertThat(forged).hasStatus(403);
        assertThat(sessionsOf(user.username())).isZero();
    }

    @Test
    void refusesADisabledAccountAndSaysWhy() {
        var user = accounts.fresh(Role.VIEWER);
        var api = new ApiCalls(mvc, json);
        var admin = accounts.admin().token();
        assertThat(api.put(admin, "/api/v1/users/" + user.id(), Map.of("enabled", false, "version", 0)))
                .hasStatusOk();
        var browser = new Browser(mvc);

        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/login?error");
        assertThat(browser.signInError()).contains("This account is disabled");
        assertThat(sessionsOf(user.username())).isZero();
    }

    @Test
    void aWrongPasswordForADisabledAccountDoesNotRevealThatTheAccountExists() {
        var user = accounts.fresh(Role.VIEWER);
        var api = new ApiCalls(mvc, json);
        assertThat(api.put(accounts.admin().token(), "/api/v1/users/" + user.id(), Map.of("enabled", false, "version", 0)))
                .hasStatusOk();
        var browser = new Browser(mvc);

        assertThat(browser.signIn(user.username(), "not-the-password")).hasRedirectedUrl("/login?error");

        assertThat(browser.signInError()).contains("Wrong username or password.").doesNotContain("disabled");
    }

    @Test
    void signingOutEndsTheSession() {
        var user = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);
        assertThat(browser.signIn(user.username(), user.password())).hasRedirectedUrl("/");
        assertThat(sessionsOf(user.username())).isEqualTo(1);

        var signOut = browser.post("/logout");

        assertThat(signOut).hasStatus(302).hasRedirectedUrl("/login?signedOut");
        assertThat(sessionsOf(user.username())).isZero();
        assertThat(browser.get("/account/tokens")).hasStatus3xxRedirection();
        assertThat(browser.get("/login?signedOut=")).bodyText().contains("You have signed out.");
        assertThat(records(new AuditQuery(user.username(), "auth.sign-out", "session", null, null, null, null)))
                .singleElement().satisfies(r -> assertThat(r.channel()).isEqualTo("ui"));
    }

    /** How long the last failure blocked this key for. */
    Duration blockAfterLastFailure(String key) {
        return jdbc.sql("SELECT last_failure_at, blocked_until FROM login_throttle WHERE throttle_key = ?").param(key)
                .query((rs, n) -> Duration.between(Jdbc.instant(rs, "last_failure_at"), Jdbc.instant(rs, "blocked_until")))
                .single();
    }

    /** Lets a block run out without waiting for it. */
    void endBlock(String key) {
        jdbc.sql("UPDATE login_throttle SET blocked_until = ? WHERE throttle_key = ?")
                .params(Jdbc.timestamp(Instant.now().minusSeconds(1)), key).update();
    }

    long sessionsOf(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?").param(username)
                .query(Long.class).single();
    }

    List<AuditRecord> failedSignInsOf(String username) {
        return records(new AuditQuery(null, "auth.sign-in-failed", "session", null, null, null,
                "Failed sign-in as '" + username + "'"));
    }

    List<AuditRecord> records(AuditQuery query) {
        return audit.search(query, new PageRequest(0, 100)).items();
    }
}
