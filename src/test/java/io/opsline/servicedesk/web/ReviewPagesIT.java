package io.opsline.servicedesk.web;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.servicedesk.web.DeskPages.fieldError;
import static io.opsline.servicedesk.web.DeskPages.html;
import static io.opsline.servicedesk.web.DeskPages.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.json.JsonMapper;

/** The review pages as the server renders them, and their forms and buttons posted as a browser would. */
@OpslineIntegrationTest
class ReviewPagesIT {

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
    Account operator;

    @BeforeEach
    void setUp() {
        pages = new DeskPages(mvc);
        api = new ApiCalls(mvc, json);
        operator = accounts.operator();
    }

    @Test
    void aMajorIncidentsReviewIsStartedWrittenAndMovedThroughItsPageWithErrorsBesideTheFields() {
        var minor = open("Printer jam", false);
        var major = open("Checkout down", true);
        assertThat(pages.html("/incidents/" + minor, operator)).doesNotContain("data-review-card");
        assertThat(pages.html("/incidents/" + major, operator)).contains("data-review-card")
                .contains("data-testid=\"start-review-link\"");
        assertThat(html(pages.post("/incidents/" + minor + "/review/start", operator, Map.of())))
                .contains("only major incidents get a post-incident review");

        var review = "/incidents/" + major + "/review";
        assertThat(pages.html(review, operator)).contains("data-testid=\"start-review\"");
        assertThat(pages.post(review + "/start", operator, Map.of())).hasRedirectedUrl(review);
        assertThat(pages.html("/incidents/" + major, accounts.viewer())).contains("data-testid=\"open-review\"");

        assertThat(api.post(operator.token(), "/api/v1/incidents/" + major + "/comments",
                Map.of("body", "Rolled back the release"))).hasStatus(201);
        var rolledBack = api.body(api.get(operator.token(), "/api/v1/incidents/" + major + "/timeline")).valueStream()
                .filter(e -> e.get("body").asString().equals("Rolled back the release")).findFirst().orElseThrow()
                .get("id").asString();

        var bad = save(review, Map.of("version", List.of("0"), "summary", List.of("Lost"), "entries",
                List.of(rolledBack), "notes", List.of("2026-11-20 14:05 Vendor outage\nno time here"),
                "excerptShown", List.of("true")));
        assertThat(bad).hasStatusOk();
        assertThat(fieldError(html(bad), "notes")).startsWith("line 2: is required");
        assertThat(api.body(api.get(operator.token(), "/api/v1/incidents/" + major + "/review")).get("version")
                .asLong()).isZero();

        assertThat(save(review, Map.of("version", List.of("0"), "summary", List.of("Checkout was down"),
                "factors", List.of("No canary\nFriday deploy"), "entries", List.of(rolledBack), "notes",
                List.of("2020-01-01 09:00 Vendor outage"), "excerptShown", List.of("true"))))
                .hasRedirectedUrl(review);
        var page = pages.html(review, accounts.viewer());
        assertThat(values(page, "data-excerpt")).containsExactly("note", rolledBack);
        assertThat(page).contains("No canary").contains("Friday deploy").doesNotContain("data-testid=\"review-form\"");

        assertThat(save(review, Map.of("version", List.of("1"), "state", List.of("in_review"))))
                .hasRedirectedUrl(review);
        var refused = save(review, Map.of("version", List.of("2"), "state", List.of("published")));
        assertThat(html(refused)).contains("is required to publish the review")
                .contains("at least one action item is required").contains("Checkout was down");

        var badAction = pages.post(review + "/actions", operator, Map.of("title", "Canary deploys", "owner",
                operator.username(), "due", "soon"));
        assertThat(fieldError(html(badAction), "due")).isEqualTo("must be a date such as 2026-12-31");
        assertThat(pages.post(review + "/actions", operator, Map.of("title", "Canary deploys", "owner",
                operator.username(), "due", LocalDate.now().plusDays(7).toString())))
                .hasRedirectedUrl(review + "#actions");
        assertThat(save(review, Map.of("version", List.of("2"), "state", List.of("published"), "rootCause",
                List.of("An untested release")))).hasRedirectedUrl(review);
        assertThat(pages.html(review, operator)).contains("data-testid=\"review-state\">Published<")
                .doesNotContain("data-testid=\"review-form\"").contains("data-testid=\"add-action\"");
    }

    @Test
    void theOverviewListsOpenActionItemsOverdueFirstAndTheOwnerMarksThemDone() {
        var ref = open("Storage full", true);
        assertThat(api.post(operator.token(), "/api/v1/incidents/" + ref + "/review", Map.of())).hasStatus(201);
        var owner = accounts.fresh(Role.VIEWER);
        var later = action(ref, "Capacity forecast", owner, LocalDate.now().plusDays(3));
        var late = action(ref, "Disk alerts", owner, LocalDate.now().minusDays(2));
        var waiting = open("Network partition", true);
        var version = incidents.get(waiting).version();
        assertThat(api.post(operator.token(), "/api/v1/incidents/" + waiting + "/transition", Map.of("version",
                version, "state", "resolved", "resolutionCode", "duplicate", "resolutionNotes", "Switch replaced")))
                .hasStatus(200);

        var overview = pages.html("/reviews?owner=" + owner.username(), owner);
        assertThat(values(overview, "data-action")).containsExactly(late, later);
        assertThat(values(overview, "data-overdue")).containsExactly("true", "false");
        assertThat(values(overview, "data-done")).containsExactly(late, later);
        assertThat(values(overview, "data-review")).contains(ref);
        assertThat(values(overview, "data-waiting")).contains(waiting).doesNotContain(ref);

        var stranger = accounts.fresh(Role.VIEWER);
        assertThat(values(pages.html("/reviews?owner=" + owner.username(), stranger), "data-done")).isEmpty();
        assertThat(pages.post("/action-items/" + late, stranger, Map.of("version", "0", "state", "done")))
                .hasStatus(403);
        assertThat(pages.post("/action-items/" + late, owner, Map.of("version", "0", "state", "done", "back",
                "/reviews"))).hasRedirectedUrl("/reviews");
        assertThat(pages.post("/action-items/" + later, owner, Map.of("version", "0", "state", "done")))
                .hasRedirectedUrl("/incidents/" + ref + "/review#actions");

        assertThat(pages.html("/reviews?owner=" + owner.username(), owner))
                .contains("data-testid=\"no-open-actions\"");
        assertThat(pages.html("/incidents/" + ref + "/review", owner)).contains("by " + owner.username());
        assertThat(pages.get("/reviews", accounts.of(Role.REQUESTER))).hasStatus(403);
    }

    private String open(String title, boolean major) {
        var created = api.post(operator.token(), "/api/v1/incidents", Map.of("title", unique(title), "major", major));
        assertThat(created).hasStatus(201);
        return api.body(created).get("reference").asString();
    }

    private String action(String ref, String title, Account owner, LocalDate due) {
        var created = api.post(operator.token(), "/api/v1/incidents/" + ref + "/review/actions", Map.of("title", title,
                "owner", owner.username(), "due", due.toString()));
        assertThat(created).hasStatus(201);
        return api.body(created).get("id").asString();
    }

    /** Posts the review form; several values for a name, as ticked checkboxes send them. */
    private MvcTestResult save(String review, Map<String, List<String>> fields) {
        var request = mvc.post().uri(review).with(user(operator.username()).roles(operator.role().name()))
                .with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getValue().toArray(String[]::new));
        }
        return request.exchange();
    }
}
