package io.opsline.servicedesk.web;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.servicedesk.web.DeskPages.fieldError;
import static io.opsline.servicedesk.web.DeskPages.html;
import static io.opsline.servicedesk.web.DeskPages.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The self-service portal: requesters reach their own tickets and nothing else, pages and REST alike. */
@OpslineIntegrationTest
class PortalIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Incidents incidents;

    DeskPages pages;
    ApiCalls api;
    Account alice;
    Account bob;

    @BeforeEach
    void setUp() {
        pages = new DeskPages(mvc);
        api = new ApiCalls(mvc, json);
        alice = accounts.fresh(Role.REQUESTER);
        bob = accounts.fresh(Role.REQUESTER);
    }

    @Test
    void aRequesterOpensTicketsAndFollowsThemButNeverReachesSomeoneElses() {
        var opened = pages.post("/portal/tickets", alice, Map.of("title", "My laptop does not boot",
                "description", "Black screen since this morning", "urgency", "high"));
        assertThat(opened).hasStatus3xxRedirection();
        var mine = opened.getResponse().getRedirectedUrl().substring("/portal/tickets/".length());
        var stored = incidents.get(mine);
        assertThat(stored.callerId()).isEqualTo(alice.id());
        assertThat(stored.openedThrough()).isEqualTo(OpenedThrough.PORTAL);
        assertThat(stored.openedBy()).isEqualTo(alice.username());

        var created = api.post(bob.token(), "/api/v1/portal/tickets", Map.of("title", "Printer jammed",
                "urgency", "low"));
        assertThat(created).hasStatus(201);
        var bobs = api.body(created).get("reference").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/portal/tickets/" + bobs);
        var staffs = staffIncidentFor(alice, "Mailbox full");

        assertThat(values(pages.html("/portal", alice), "data-ticket")).containsExactlyInAnyOrder(mine, staffs);
        assertThat(references(api.body(api.get(alice.token(), "/api/v1/portal/tickets")))).containsExactlyInAnyOrder(
                mine, staffs);
        assertThat(references(api.body(api.get(bob.token(), "/api/v1/portal/tickets")))).containsExactly(bobs);
        assertThat(pages.html("/portal/tickets/" + mine, alice)).contains("My laptop does not boot",
                "Black screen since this morning");

        var bobsId = incidents.get(bobs).id().toString();
        for (var reference : new String[] {bobs, bobsId, bobs.toLowerCase()}) {
            assertThat(pages.get("/portal/tickets/" + reference, alice)).hasStatus(404);
            assertThat(api.get(alice.token(), "/api/v1/portal/tickets/" + reference)).hasStatus(404);
        }
        var someoneElses = api.get(alice.token(), "/api/v1/portal/tickets/" + bobs);
        var nobodys = api.get(alice.token(), "/api/v1/portal/tickets/INC-999999999");
        assertThat(api.body(someoneElses).get("detail").asString().replace(bobs, "X"))
                .as("someone else's ticket reads exactly as one that does not exist")
                .isEqualTo(api.body(nobodys).get("detail").asString().replace("INC-999999999", "X"));
        var entries = incidents.timeline(incidents.get(bobs).id(), false).size();
        assertThat(pages.post("/portal/tickets/" + bobs + "/comments", alice, Map.of("body", "mine now")))
                .hasStatus(404);
        assertThat(api.post(alice.token(), "/api/v1/portal/tickets/" + bobs + "/comments", Map.of("body", "mine now")))
                .hasStatus(404);
        assertThat(incidents.timeline(incidents.get(bobs).id(), false)).hasSize(entries);

        assertThat(pages.get("/incidents", alice)).hasStatus(403);
        assertThat(pages.get("/incidents/" + mine, alice)).hasStatus(403);
        assertThat(api.get(alice.token(), "/api/v1/incidents/" + mine)).hasStatus(403);
        assertThat(pages.get("/", alice)).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/portal");
    }

    @Test
    void aRequesterReadsTheDesksCommentsButNeverItsWorkNotes() {
        var reference = staffIncidentFor(alice, "VPN refuses my password");
        comment(reference, "We reset your token; please try again", false);
        comment(reference, "Her account was locked by the SIEM rule 4711", true);

        var ticket = api.body(api.get(alice.token(), "/api/v1/portal/tickets/" + reference));
        var texts = ticket.get("timeline").valueStream().map(e -> e.get("body").asString("")).toList();
        assertThat(texts).contains("We reset your token; please try again")
                .noneMatch(text -> text.contains("SIEM"));
        assertThat(ticket.get("ticket").has("assignee")).isFalse();
        var page = pages.html("/portal/tickets/" + reference, alice);
        assertThat(page).contains("We reset your token; please try again").doesNotContain("SIEM", "Internal");
    }

    @Test
    void aCallersAnswerPutsATicketAwaitingThemBackInProgress() {
        var reference = staffIncidentFor(alice, "Which printer?");
        hold(reference, "awaiting_caller");
        assertThat(pages.html("/portal/tickets/" + reference, alice)).contains("data-testid=\"waiting\"");

        var answered = api.post(alice.token(), "/api/v1/portal/tickets/" + reference + "/comments",
                Map.of("body", "The one on the 3rd floor"));

        assertThat(answered).hasStatus(201);
        assertThat(incidents.get(reference).state()).isEqualTo(IncidentState.IN_PROGRESS);
        var timeline = api.body(api.get(alice.token(), "/api/v1/portal/tickets/" + reference)).get("timeline");
        assertThat(timeline.valueStream().map(e -> e.get("body").asString(""))).contains("The one on the 3rd floor",
                "The caller answered, so " + reference + " is back In progress");

        var vendor = staffIncidentFor(alice, "Spare part ordered");
        hold(vendor, "awaiting_vendor");
        assertThat(pages.post("/portal/tickets/" + vendor + "/comments", alice, Map.of("body", "Any news?")))
                .hasStatus3xxRedirection();
        assertThat(incidents.get(vendor).state()).as("waiting for a vendor, not for the caller")
                .isEqualTo(IncidentState.ON_HOLD);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        var body = new HashMap<String, Object>();
        body.put("title", " ");
        body.put("urgency", "whenever");
        var refused = api.post(alice.token(), "/api/v1/portal/tickets", body);
        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("title", "urgency");

        var form = pages.post("/portal/tickets", alice, Map.of("title", "", "description", "It beeps", "urgency",
                "high"));
        assertThat(form).hasStatus(422);
        assertThat(fieldError(html(form), "title")).isEqualTo("is required");
        assertThat(html(form)).contains("It beeps");
        assertThat(api.body(api.get(alice.token(), "/api/v1/portal/tickets")).get("total").asLong()).isZero();

        var reference = staffIncidentFor(alice, unique("Slow wifi"));
        var empty = pages.post("/portal/tickets/" + reference + "/comments", alice, Map.of("body", "  "));
        assertThat(empty).hasStatus(422);
        assertThat(fieldError(html(empty), "body")).isEqualTo("is required");
    }

    private String staffIncidentFor(Account caller, String title) {
        var created = api.post(accounts.operator().token(), "/api/v1/incidents", Map.of("title", title, "caller",
                caller.username()));
        assertThat(created).hasStatus(201);
        return api.body(created).get("reference").asString();
    }

    private void comment(String reference, String body, boolean workNote) {
        assertThat(api.post(accounts.operator().token(), "/api/v1/incidents/" + reference + "/comments",
                Map.of("body", body, "workNote", workNote))).hasStatus(201);
    }

    private void hold(String reference, String reason) {
        assertThat(api.post(accounts.operator().token(), "/api/v1/incidents/" + reference + "/transition", Map.of(
                "version", incidents.get(reference).version(), "state", "on_hold", "holdReason", reason)))
                .hasStatus(200);
    }

    private static java.util.List<String> references(JsonNode page) {
        return page.get("items").valueStream().map(t -> t.get("reference").asString()).toList();
    }
}
