package io.opsline.servicedesk.request;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.servicedesk.request.RequestFixtures.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.servicedesk.ServiceDeskFixtures;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.json.JsonMapper;

/** The request pages of the desk, the catalogue and the portal as the server renders them, and their forms. */
@OpslineIntegrationTest
class RequestPagesIT {

    private static final Pattern ROW = Pattern.compile("data-request=\"(REQ-\\d+)\"");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    TeamManagement teamManagement;

    ApiCalls api;
    RequestFixtures fixtures;
    Account requester;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        fixtures = new RequestFixtures(api, accounts);
        requester = accounts.fresh(Role.REQUESTER);
    }

    @Test
    void theQueuePutsAwaitingApprovalFirstAndOnlyTheApproverDecidesOnTheRequestsPage() {
        var approver = accounts.fresh(Role.OPERATOR);
        var team = unique("fulfil");
        new ServiceDeskFixtures(teamManagement, accounts).team(team, accounts.operator().username());
        var plain = unique("Cable");
        var approved = unique("Desk");
        fixtures.type(plain, Map.of(), List.of());
        fixtures.type(approved, Map.of("approver", approver.username(), "team", team, "tasks",
                List.of(Map.of("title", "Order the desk"))), List.of(field("size", "text", true)));
        var cable = fixtures.open(requester.token(), plain, Map.of()).get("reference").asString();
        var desk = fixtures.open(requester.token(), approved, Map.of("size", "Large")).get("reference").asString();

        var queue = html(get("/requests?requester=" + requester.username(), accounts.viewer()));
        assertThat(ROW.matcher(queue).results().map(m -> m.group(1)).toList()).containsExactly(desk, cable);

        var asOperator = html(get("/requests/" + desk, accounts.operator()));
        assertThat(asOperator).contains("Large", "Waiting for").doesNotContain("data-testid=\"approve\"");
        assertThat(post("/requests/" + desk + "/decision", accounts.operator(), Map.of("version", "0", "decision",
                "approve"))).hasStatus(403);
        assertThat(html(get("/requests/" + desk, approver))).contains("data-testid=\"approve\"");

        var noReason = post("/requests/" + desk + "/decision", approver, Map.of("version", "0", "decision", "reject"));
        assertThat(noReason).hasStatusOk();
        assertThat(html(noReason)).contains("id=\"comment-error\"", "error-summary");
        var approve = post("/requests/" + desk + "/decision", approver, Map.of("version", "0", "decision", "approve"));
        assertThat(approve).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/requests/" + desk);

        var inFulfilment = api.body(api.get(accounts.operator().token(), "/api/v1/requests/" + desk));
        var task = inFulfilment.get("tasks").get(0);
        var page = html(get("/requests/" + desk, accounts.operator()));
        assertThat(page).contains("Order the desk", "data-testid=\"done\"").doesNotContain("data-testid=\"approve\"");
        var done = post("/requests/" + desk + "/tasks/" + task.get("id").asString(), accounts.operator(),
                Map.of("version", "0", "state", "done"));
        assertThat(done).hasStatus3xxRedirection();
        assertThat(html(get("/requests/" + desk, accounts.viewer()))).contains(">Fulfilled<")
                .doesNotContain("data-testid=\"done\"").doesNotContain("data-testid=\"move-closed\"");
        assertThat(post("/requests/" + desk + "/transition", accounts.viewer(), Map.of("version", "3", "state",
                "closed"))).hasStatus(403);
    }

    @Test
    void theTypeFormShowsEachErrorBesideItsFieldAndThenCreatesTheType() {
        var name = unique("Chair");
        var refused = mvc.post().uri("/admin/request-types").with(as(accounts.admin())).with(csrf())
                .param("name", " ").param("active", "true")
                .param("fieldKey", "Bad Key", "colour", "").param("fieldLabel", "Bad", "", "")
                .param("fieldType", "text", "choice", "text").param("fieldRequired", "false", "true", "false")
                .param("fieldChoices", "", "", "").param("fieldMaxLength", "ten", "", "")
                .param("taskTitle", "", "").param("taskTeam", "", "").exchange();
        assertThat(refused).hasStatusOk();
        assertThat(html(refused)).contains("id=\"name-error\"", "id=\"fields[0].maxLength-error\"")
                .contains("value=\"Bad Key\"");

        var invalid = mvc.post().uri("/admin/request-types").with(as(accounts.admin())).with(csrf())
                .param("name", name).param("active", "true")
                .param("fieldKey", "Bad Key", "colour", "").param("fieldLabel", "Bad", "", "")
                .param("fieldType", "text", "choice", "text").param("fieldRequired", "false", "true", "false")
                .param("fieldChoices", "", "", "").param("fieldMaxLength", "", "", "")
                .param("taskTitle", "", "").param("taskTeam", "", "").exchange();
        assertThat(html(invalid)).contains("id=\"fields[0].key-error\"", "id=\"fields[1].label-error\"",
                "id=\"fields[1].choices-error\"");
        assertThat(api.get(accounts.admin().token(), "/api/v1/request-types/" + name)).hasStatus(404);

        var created = mvc.post().uri("/admin/request-types").with(as(accounts.admin())).with(csrf())
                .param("name", name).param("active", "true")
                .param("fieldKey", "colour", "", "").param("fieldLabel", "Colour", "", "")
                .param("fieldType", "choice", "text", "text").param("fieldRequired", "true", "false", "false")
                .param("fieldChoices", "Red, Blue", "", "").param("fieldMaxLength", "", "", "")
                .param("taskTitle", "Deliver it", "").param("taskTeam", "", "").exchange();
        assertThat(created).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/admin/request-types");
        var stored = api.body(api.get(accounts.admin().token(), "/api/v1/request-types/" + name));
        assertThat(stored.get("fields").get(0).get("choices").valueStream().map(c -> c.asString()).toList())
                .containsExactly("Red", "Blue");
        assertThat(html(get("/admin/request-types", accounts.admin()))).contains(name);
        assertThat(get("/admin/request-types", accounts.operator())).hasStatus(403);
    }

    @Test
    void thePortalFormFollowsTheTypeAndARequesterSeesOnlyTheirOwnRequestsAndNoInternalNotes() {
        var type = fixtures.type(unique("Laptop"), Map.of(), List.of(field("model", "choice", true, "choices",
                List.of("13 inch", "15 inch")), field("seats", "number", true), field("needed_by", "date", false)));
        var typeId = type.get("id").asString();

        var form = html(get("/portal/requests/new?type=" + typeId, requester));
        assertThat(form).contains("name=\"values.model\"", ">15 inch<", "name=\"values.seats\"", "type=\"date\"");
        var refused = mvc.post().uri("/portal/requests").with(as(requester)).with(csrf()).param("type", typeId)
                .param("values.model", "15 inch").param("values.seats", "lots").exchange();
        assertThat(refused).hasStatusOk();
        assertThat(html(refused)).contains("id=\"values.seats-error\"", "must be a number").contains("value=\"lots\"");

        var sent = mvc.post().uri("/portal/requests").with(as(requester)).with(csrf()).param("type", typeId)
                .param("values.model", "15 inch").param("values.seats", "2").exchange();
        assertThat(sent).hasStatus3xxRedirection();
        var path = sent.getResponse().getRedirectedUrl();
        assertThat(path).matches("/portal/requests/REQ-\\d{6}");
        var ref = path.substring(path.lastIndexOf('/') + 1);
        var operator = accounts.operator().token();
        api.post(operator, "/api/v1/requests/" + ref + "/comments", Map.of("body", "Check the budget", "internal", true));
        api.post(operator, "/api/v1/requests/" + ref + "/comments", Map.of("body", "Ordered today"));

        var own = html(get(path, requester));
        assertThat(own).contains("15 inch", "Ordered today").doesNotContain("Check the budget");
        assertThat(html(get("/portal/requests", requester))).contains("data-request=\"" + ref + "\"");
        assertThat(post(path + "/comments", requester, Map.of("body", "Thanks"))).hasStatus3xxRedirection();

        var other = accounts.fresh(Role.REQUESTER);
        assertThat(get(path, other)).hasStatus(404);
        assertThat(post(path + "/comments", other, Map.of("body", "Hello"))).hasStatus(404);
        assertThat(post(path + "/cancel", other, Map.of("version", "0"))).hasStatus(404);
        assertThat(html(get("/portal/requests", other))).doesNotContain(ref);
        assertThat(get("/requests/" + ref, other)).hasStatus(403);
        assertThat(api.body(api.get(operator, "/api/v1/requests/" + ref + "/timeline")).valueStream()
                .map(e -> e.get("body").isNull() ? "" : e.get("body").asString())).contains("Thanks")
                .doesNotContain("Hello");
    }

    private MvcTestResult get(String uri, Account account) {
        return mvc.get().uri(uri).with(as(account)).exchange();
    }

    private MvcTestResult post(String uri, Account account, Map<String, String> fields) {
        var request = mvc.post().uri(uri).with(as(account)).with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getValue());
        }
        return request.exchange();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(Account account) {
        return user(account.username()).roles(account.role().name());
    }

    private static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
