package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class ReviewApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        operator = accounts.operator().token();
    }

    @Test
    void startsOneReviewForAMajorIncidentAndRefusesOneForOthers() {
        var minor = incident("Printer jam", false);
        var refused = api.post(operator, review(minor), Map.of());
        assertThat(refused).hasStatus(409);
        assertThat(api.body(refused).get("detail").asString()).contains("only major incidents get a post-incident review");
        assertThat(api.get(operator, review(minor))).hasStatus(404);

        var major = incident("Checkout down", true);
        var started = api.post(operator, review(major), Map.of());
        assertThat(started).hasStatus(201);
        assertThat(started.getResponse().getHeader("Location")).isEqualTo("/api/v1/incidents/" + major + "/review");
        var body = api.body(started);
        assertThat(body.get("state").asString()).isEqualTo("draft");
        assertThat(body.get("version").asLong()).isZero();
        assertThat(body.get("incident").get("reference").asString()).isEqualTo(major);
        assertThat(api.post(operator, review(major), Map.of())).hasStatus(409);

        assertThat(api.get(accounts.viewer().token(), review(major))).hasStatus(200);
        assertThat(api.get(accounts.of(Role.REQUESTER).token(), review(major))).hasStatus(403);
        assertThat(api.post(accounts.viewer().token(), review(major) + "/actions", Map.of())).hasStatus(403);
        assertThat(timeline(major).stream().map(e -> e.get("body").asString()))
                .anyMatch(b -> b.startsWith("Post-incident review started"));
    }

    @Test
    void changesOnTopOfTheVersionReadAndAStaleOrBadChangeStoresNothing() {
        var ref = startedReview("Database failover");
        var changed = api.put(operator, review(ref), Map.of("version", 0, "summary", "Primary lost its disk",
                "impact", "Checkout down 40 minutes", "factors", List.of("No disk alert", " Failover untested ")));
        assertThat(changed).hasStatus(200);
        assertThat(api.body(changed).get("version").asLong()).isEqualTo(1);
        assertThat(api.body(changed).get("factors").valueStream().map(JsonNode::asString))
                .containsExactly("No disk alert", "Failover untested");

        var stale = api.put(operator, review(ref), Map.of("version", 0, "summary", "Overwritten"));
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");

        var bad = new HashMap<String, Object>();
        bad.put("version", 1);
        bad.put("summary", "x".repeat(20_001));
        bad.put("factors", List.of("fine", "bell\u0007"));
        bad.put("state", "finished");
        var refused = api.put(operator, review(ref), bad);
        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("summary", "factors[1]", "state");
        assertThat(api.put(operator, review(ref), Map.of("summary", "no version"))).hasStatus(422);

        var stored = api.body(api.get(operator, review(ref)));
        assertThat(stored.get("summary").asString()).isEqualTo("Primary lost its disk");
        assertThat(stored.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theExcerptShowsChosenTimelineLinesAndNotesInTimeOrder() {
        var ref = startedReview("Payments timeout");
        comment(ref, "First responder paged");
        comment(ref, "Rolled back the release");
        var lines = timeline(ref);
        var paged = id(lines, "First responder paged");
        var rolledBack = id(lines, "Rolled back the release");
        var before = Instant.parse(lines.getFirst().get("at").asString()).minus(1, ChronoUnit.HOURS);
        var after = Instant.now().plus(1, ChronoUnit.HOURS);

        var changed = api.put(operator, review(ref), Map.of("version", 0, "timelineEntries",
                List.of(rolledBack, paged), "notes", List.of(Map.of("at", after.toString(), "text",
                        "Vendor confirmed the fix"), Map.of("at", before.toString(), "text", "Vendor deployed a change"))));
        assertThat(changed).hasStatus(200);
        assertThat(texts(api.body(changed))).containsExactly("Vendor deployed a change", "First responder paged",
                "Rolled back the release", "Vendor confirmed the fix");

        // Only the notes change: the chosen timeline lines stay.
        var notesOnly = api.body(api.put(operator, review(ref), Map.of("version", 1, "notes", List.of())));
        assertThat(texts(notesOnly)).containsExactly("First responder paged", "Rolled back the release");

        var other = startedReview("Other outage");
        var foreign = id(timeline(other), null);
        var refused = api.put(operator, review(ref), Map.of("version", 2, "timelineEntries", List.of(foreign, "nope"),
                "notes", List.of(Map.of("at", "yesterday", "text", " "))));
        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("timelineEntries[0]", "timelineEntries[1]",
                "notes[0].at", "notes[0].text");
        assertThat(texts(api.body(api.get(operator, review(ref))))).containsExactly("First responder paged",
                "Rolled back the release");
    }

    @Test
    void publishingNeedsARootCauseAndAnActionItemAndThenOnlyActionItemsChange() {
        var ref = startedReview("Login outage");
        var skip = api.put(operator, review(ref), Map.of("version", 0, "state", "published"));
        assertThat(skip).hasStatus(409);
        assertThat(api.fields(skip)).containsExactly("state");
        assertThat(api.put(operator, review(ref), Map.of("version", 0, "state", "in_review"))).hasStatus(200);

        var empty = api.put(operator, review(ref), Map.of("version", 1, "state", "published"));
        assertThat(empty).hasStatus(422);
        assertThat(api.fields(empty)).containsExactlyInAnyOrder("rootCause", "actionItems");

        var badItem = api.post(operator, review(ref) + "/actions", Map.of("title", " ", "owner", unique("nobody"),
                "due", "next week"));
        assertThat(badItem).hasStatus(422);
        assertThat(api.fields(badItem)).containsExactlyInAnyOrder("title", "owner", "due");
        var owner = accounts.fresh(Role.VIEWER);
        var item = api.post(operator, review(ref) + "/actions", Map.of("title", "Alert on certificate expiry",
                "owner", owner.username(), "due", LocalDate.now().plusDays(14).toString()));
        assertThat(item).hasStatus(201);
        assertThat(api.body(item).get("owner").get("name").asString()).isEqualTo(owner.username());

        var noRootCause = api.put(operator, review(ref), Map.of("version", 1, "state", "published"));
        assertThat(api.fields(noRootCause)).containsExactly("rootCause");
        var published = api.put(operator, review(ref), Map.of("version", 1, "state", "published", "rootCause",
                "The identity provider's certificate expired"));
        assertThat(published).hasStatus(200);
        assertThat(api.body(published).get("state").asString()).isEqualTo("published");
        assertThat(api.body(published).get("publishedAt").isNull()).isFalse();

        var readOnly = api.put(operator, review(ref), Map.of("version", 2, "summary", "Rewritten"));
        assertThat(readOnly).hasStatus(409);
        assertThat(api.body(readOnly).get("detail").asString()).contains("published");
        assertThat(api.post(operator, review(ref) + "/actions", Map.of("title", "Rotate certificates yearly",
                "owner", owner.username(), "due", LocalDate.now().plusDays(30).toString()))).hasStatus(201);
        assertThat(api.body(api.get(operator, review(ref))).get("actionItems")).hasSize(2);
    }

    @Test
    void actionItemsAreListedOverdueFirstAndTheOwnerMarksThemDone() {
        var ref = startedReview("Storage full");
        var owner = accounts.fresh(Role.VIEWER);
        var today = LocalDate.now();
        var later = action(ref, "Capacity forecast", owner.username(), today.plusDays(10));
        var late = action(ref, "Disk alerts", owner.username(), today.minusDays(1));
        var latest = action(ref, "Clean-up job", owner.username(), today.minusDays(5));

        var open = api.body(api.get(operator, "/api/v1/action-items?state=open&owner=" + owner.username()));
        assertThat(open.get("items").valueStream().map(i -> i.get("title").asString()))
                .containsExactly("Clean-up job", "Disk alerts", "Capacity forecast");
        assertThat(open.get("items").valueStream().map(i -> i.get("overdue").asBoolean()))
                .containsExactly(true, true, false);
        assertThat(open.get("items").get(0).get("incident").asString()).isEqualTo(ref);

        var stranger = accounts.fresh(Role.VIEWER);
        assertThat(api.patch(stranger.token(), "/api/v1/action-items/" + late, Map.of("version", 0, "state", "done")))
                .hasStatus(403);
        assertThat(api.patch(owner.token(), "/api/v1/action-items/" + late, Map.of("version", 0, "due",
                today.plusDays(60).toString()))).hasStatus(403);
        var done = api.patch(owner.token(), "/api/v1/action-items/" + late, Map.of("version", 0, "state", "done"));
        assertThat(done).hasStatus(200);
        assertThat(api.body(done).get("doneBy").asString()).isEqualTo(owner.username());
        assertThat(api.patch(owner.token(), "/api/v1/action-items/" + late, Map.of("version", 0, "state", "open")))
                .hasStatus(409);
        assertThat(api.patch(operator, "/api/v1/action-items/" + later, Map.of("version", 0, "state", "done")))
                .hasStatus(200);
        assertThat(api.patch(operator, "/api/v1/action-items/" + latest, Map.of("version", 0, "state", "done")))
                .hasStatus(200);

        var none = api.body(api.get(accounts.viewer().token(), "/api/v1/action-items?owner=" + owner.username()));
        assertThat(none.get("items")).isEmpty();
        var all = api.body(api.get(operator, "/api/v1/action-items?state=done&owner=" + owner.username()));
        assertThat(all.get("items")).hasSize(3);
        var bad = api.get(operator, "/api/v1/action-items?state=sleeping&owner=" + unique("nobody"));
        assertThat(bad).hasStatus(422);
        assertThat(api.fields(bad)).containsExactly("state", "owner");
        assertThat(api.get(accounts.of(Role.REQUESTER).token(), "/api/v1/action-items")).hasStatus(403);
    }

    private String incident(String title, boolean major) {
        return api.body(api.post(operator, "/api/v1/incidents", Map.of("title", unique(title), "major", major)))
                .get("reference").asString();
    }

    private String startedReview(String title) {
        var ref = incident(title, true);
        assertThat(api.post(operator, review(ref), Map.of())).hasStatus(201);
        return ref;
    }

    private String action(String ref, String title, String owner, LocalDate due) {
        var created = api.post(operator, review(ref) + "/actions", Map.of("title", title, "owner", owner, "due",
                due.toString()));
        assertThat(created).hasStatus(201);
        return api.body(created).get("id").asString();
    }

    private void comment(String ref, String body) {
        assertThat(api.post(operator, "/api/v1/incidents/" + ref + "/comments", Map.of("body", body))).hasStatus(201);
    }

    private List<JsonNode> timeline(String ref) {
        return api.body(api.get(operator, "/api/v1/incidents/" + ref + "/timeline")).valueStream().toList();
    }

    /** The id of the timeline line with this body, or of the first line when body is null. */
    private static String id(List<JsonNode> lines, String body) {
        return lines.stream().filter(l -> body == null || body.equals(l.get("body").asString())).findFirst()
                .orElseThrow().get("id").asString();
    }

    private static List<String> texts(JsonNode review) {
        return review.get("excerpt").valueStream().map(l -> l.get("text").asString()).toList();
    }

    private static String review(String ref) {
        return "/api/v1/incidents/" + ref + "/review";
    }
}
