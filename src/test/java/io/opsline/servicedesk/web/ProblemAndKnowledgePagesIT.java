package io.opsline.servicedesk.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.Role;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.servicedesk.internal.IncidentInput;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.servicedesk.internal.knowledge.AlertRule;
import io.opsline.servicedesk.internal.knowledge.ArticleInput;
import io.opsline.servicedesk.internal.knowledge.Articles;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/** The problem and knowledge pages as the server renders them, and their forms posted as a browser would. */
@OpslineIntegrationTest
class ProblemAndKnowledgePagesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Articles articles;
    @Autowired
    Incidents incidents;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;

    @Test
    void anOperatorOpensAProblemLinksAnIncidentAndMakesItAKnownErrorWithErrorsBesideTheFields() {
        var title = unique("Queue backlog");
        var empty = post("/problems", Map.of("title", List.of(" "), "cis", List.of("nope")));
        assertThat(empty).hasStatusOk();
        assertThat(html(empty)).contains("field-error").contains("is required").contains("must be a configuration item id");

        var created = post("/problems", Map.of("title", List.of(title), "description", List.of("Every night")));
        assertThat(created).hasStatus3xxRedirection();
        var location = created.getResponse().getRedirectedUrl();
        assertThat(location).matches("/problems/PRB-\\d{6}");
        var ref = location.substring("/problems/".length());

        var incident = TestAccounts.actingAs("admin", Role.ADMIN, () -> incidents.create(new IncidentInput(
                "Backlog alarm", null, null, null, null, null, null, null, null, null, null), "admin", OpenedThrough.UI,
                null)).reference();
        assertThat(post(location + "/incidents", Map.of("incident", List.of(incident))))
                .hasStatus3xxRedirection();
        var unknown = post(location + "/incidents", Map.of("incident", List.of("INC-999999999")));
        assertThat(html(unknown)).contains("no incident INC-999999999");

        assertThat(post(location + "/transition", Map.of("version", List.of("0"), "state", List.of("investigating"))))
                .hasStatus3xxRedirection();
        var noWorkaround = post(location + "/transition", Map.of("version", List.of("1"), "state",
                List.of("known_error"), "workaround", List.of("")));
        assertThat(html(noWorkaround)).contains("has-error").contains("is required to make " + ref + " a known error");
        assertThat(post(location + "/transition", Map.of("version", List.of("1"), "state", List.of("known_error"),
                "workaround", List.of("Drain the queue by hand")))).hasStatus3xxRedirection();

        var page = html(get(location, Role.VIEWER));
        assertThat(page).contains(title).contains("data-testid=\"known-error\"").contains("Drain the queue by hand")
                .contains("data-incident=\"" + incident + "\"").contains("Known error");
        assertThat(page).doesNotContain("data-testid=\"move\"");
        var list = html(get("/problems?state=open&q=" + title, Role.VIEWER));
        assertThat(list).contains("data-problem=\"" + ref + "\"");
        assertThat(get("/problems/new", Role.VIEWER)).hasStatus(403);
        assertThat(get("/problems/PRB-999999999", Role.VIEWER)).hasStatus(404);
    }

    @Test
    void anArticleIsWrittenEditedIntoANewVersionAndShownRenderedWithoutScripts() {
        var title = unique("Restart the mail relay");
        var refused = post("/knowledge", Map.of("title", List.of(title), "body", List.of(""),
                "alertRules", List.of("monitoring check:*")));
        assertThat(html(refused)).contains("field-error").contains("is required").contains("monitoring check:*");

        var created = post("/knowledge", Map.of("title", List.of(title), "kind", List.of("runbook"),
                "body", List.of("## Steps\n\n<script>alert('x')</script>\n\n`systemctl restart postfix`"),
                "ciClasses", List.of("server"), "checkTypes", List.of("tcp"),
                "alertRules", List.of("monitoring check:*")));
        assertThat(created).hasStatus3xxRedirection();
        var location = created.getResponse().getRedirectedUrl();
        var id = location.substring("/knowledge/".length());

        var shown = html(get(location, Role.VIEWER));
        assertThat(shown).contains("<h2>Steps</h2>").contains("<code>systemctl restart postfix</code>")
                .contains("&lt;script&gt;").doesNotContain("<script>alert");
        assertThat(shown).contains("CI classes: Server").contains("monitoring check:*");

        var stale = post(location + "/edit", Map.of("version", List.of("0"), "title", List.of(title),
                "body", List.of("lost")));
        assertThat(html(stale)).contains("saved by someone else");
        assertThat(post(location + "/edit", Map.of("version", List.of("1"), "title", List.of(title),
                "kind", List.of("runbook"), "body", List.of("## Steps, revised")))).hasStatus3xxRedirection();
        assertThat(articles.get(UUID.fromString(id)).version()).isEqualTo(2);

        var history = html(get(location, Role.VIEWER));
        assertThat(history).contains("Steps, revised").contains("Version 2").contains("Version 1");
        var old = html(get(location + "?version=1", Role.VIEWER));
        assertThat(old).contains("data-testid=\"old-version\"").contains("systemctl restart postfix");
        assertThat(html(get("/knowledge?q=" + title, Role.VIEWER))).contains("data-article=\"" + id + "\"");
        assertThat(get("/knowledge/" + id + "/edit", Role.VIEWER)).hasStatus(403);
    }

    @Test
    void theApplicableFragmentListsRunbooksForTheCiAndTheAlertItIsLoadedFor() {
        var title = unique("Database failover");
        var source = unique("zabbix").toLowerCase();
        var db = new CiFixtures(ciManagement, relationshipManagement).create("database", unique("db"));
        var runbook = TestAccounts.actingAs("admin", Role.ADMIN, () -> articles.create(
                new ArticleInput(null, title, "runbook", "Fail over.",
                        List.of("database"), List.of(), List.of(new AlertRule(
                                source, "db:*"))), "admin"));

        var forCi = html(get("/knowledge/applicable?ci=" + db.id(), Role.VIEWER));
        assertThat(forCi).contains("data-article=\"" + runbook.id() + "\"").contains(title).doesNotContain("<html");
        var forAlert = html(get("/knowledge/applicable?alertSource=" + source + "&dedupKey=db:primary", Role.VIEWER));
        assertThat(forAlert).contains(title);
        var otherKey = html(get("/knowledge/applicable?alertSource=" + source + "&dedupKey=web:1", Role.VIEWER));
        assertThat(otherKey).doesNotContain(title).contains("None apply here");
        assertThat(html(get("/knowledge/applicable?ci=nope", Role.VIEWER))).contains("must be a configuration item id");
        assertThat(html(get("/cis/" + db.id(), Role.VIEWER))).contains("/knowledge/applicable?ci=" + db.id());
        assertThat(get("/knowledge/applicable?ciClass=server", Role.REQUESTER)).hasStatus(403);
    }

    private MvcTestResult get(String uri, Role role) {
        return mvc.get().uri(uri).with(user(accounts.of(role).username()).roles(role.name())).exchange();
    }

    private MvcTestResult post(String uri, Map<String, List<String>> fields) {
        var request = mvc.post().uri(uri).with(user(accounts.operator().username()).roles(Role.OPERATOR.name()))
                .with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getValue().toArray(String[]::new));
        }
        return request.exchange();
    }

    private static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
