package io.opsline.servicedesk.request;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.servicedesk.request.RequestFixtures.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class PortalRequestApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    RequestFixtures fixtures;
    Account alice;
    Account bob;
    String type;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        fixtures = new RequestFixtures(api, accounts);
        alice = accounts.fresh(Role.REQUESTER);
        bob = accounts.fresh(Role.REQUESTER);
        type = unique("Badge");
        fixtures.type(type, Map.of("approver", accounts.admin().username()), List.of(field("floor", "number", true)));
    }

    @Test
    void aRequesterCannotReadListCommentOnOrCancelSomeoneElsesRequest() {
        var bobs = fixtures.open(bob.token(), type, Map.of("floor", 3)).get("reference").asString();
        var alices = fixtures.open(alice.token(), type, Map.of("floor", 1)).get("reference").asString();
        var path = "/api/v1/portal/requests/" + bobs;

        assertThat(api.get(alice.token(), path)).hasStatus(404);
        assertThat(api.post(alice.token(), path + "/comments", Map.of("body", "Mine now"))).hasStatus(404);
        assertThat(api.post(alice.token(), path + "/cancel", Map.of("version", 0))).hasStatus(404);
        var listed = api.body(api.get(alice.token(), "/api/v1/portal/requests"));
        assertThat(listed.get("items").valueStream().map(r -> r.get("reference").asString()).toList())
                .containsExactly(alices);
        assertThat(api.get(alice.token(), "/api/v1/requests/" + bobs)).hasStatus(403);
        assertThat(api.get(alice.token(), "/api/v1/requests")).hasStatus(403);

        var untouched = api.body(api.get(bob.token(), path));
        assertThat(untouched.get("state").asString()).isEqualTo("awaiting_approval");
        assertThat(untouched.get("timeline").valueStream().map(e -> e.get("kind").asString()))
                .doesNotContain("comment");
    }

    @Test
    void theRequesterFollowsTheirRequestWithoutEverSeeingInternalNotesAndCancelsItBeforeFulfilment() {
        var ref = fixtures.open(alice.token(), type, Map.of("floor", 2)).get("reference").asString();
        var operator = accounts.operator().token();
        assertThat(api.post(operator, "/api/v1/requests/" + ref + "/comments",
                Map.of("body", "Badge printer is out of cards", "internal", true))).hasStatus(201);
        assertThat(api.post(operator, "/api/v1/requests/" + ref + "/comments",
                Map.of("body", "We are on it"))).hasStatus(201);
        var sneaky = api.post(alice.token(), "/api/v1/portal/requests/" + ref + "/comments",
                Map.of("body", "Thanks", "internal", true));
        assertThat(sneaky).hasStatus(201);

        var seen = api.body(api.get(alice.token(), "/api/v1/portal/requests/" + ref));
        var bodies = seen.get("timeline").valueStream().map(e -> e.get("body").isNull() ? "" : e.get("body").asString())
                .toList();
        assertThat(bodies).contains("We are on it", "Thanks").doesNotContain("Badge printer is out of cards");
        assertThat(seen.get("timeline").valueStream().map(e -> e.get("visibleToRequester").asBoolean()))
                .containsOnly(true);
        assertThat(seen.get("cancellable").asBoolean()).isTrue();

        var stale = api.post(alice.token(), "/api/v1/portal/requests/" + ref + "/cancel", Map.of("version", 7));
        assertThat(stale).hasStatus(409);
        var cancelled = api.post(alice.token(), "/api/v1/portal/requests/" + ref + "/cancel",
                Map.of("version", seen.get("version").asLong(), "comment", "Found my old one"));
        assertThat(cancelled).hasStatusOk();
        assertThat(api.body(cancelled).get("state").asString()).isEqualTo("cancelled");
        var twice = api.post(alice.token(), "/api/v1/portal/requests/" + ref + "/cancel",
                Map.of("version", api.body(cancelled).get("version").asLong()));
        assertThat(twice).hasStatus(409);
    }

    @Test
    void aRequestAlreadyInFulfilmentCannotBeCancelled() {
        var plain = unique("Stapler");
        fixtures.type(plain, Map.of("tasks", List.of(Map.of("title", "Hand it over"))), List.of());
        var opened = fixtures.open(alice.token(), plain, Map.of());
        assertThat(opened.get("cancellable").asBoolean()).isFalse();
        var refused = api.post(alice.token(), "/api/v1/portal/requests/" + opened.get("reference").asString()
                + "/cancel", Map.of("version", opened.get("version").asLong()));
        assertThat(refused).hasStatus(409);
        assertThat(api.body(refused).get("errors").get(0).get("message").asString()).contains("before its fulfilment");
    }
}
