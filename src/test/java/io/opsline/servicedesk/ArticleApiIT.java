package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.monitoring.CheckType;
import io.opsline.servicedesk.internal.knowledge.Article;
import io.opsline.servicedesk.internal.knowledge.Runbooks;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class ArticleApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;
    @Autowired
    Runbooks runbooks;

    ApiCalls api;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        operator = accounts.operator().token();
    }

    @Test
    void everySaveIsANewVersionAndOldVersionsStayReadable() {
        var title = unique("Rotate the TLS certificate");
        var created = api.post(operator, "/api/v1/articles", Map.of("title", title, "kind", "runbook",
                "body", "# Steps\n\n1. Order a certificate"));
        assertThat(created).hasStatus(201);
        var id = api.body(created).get("id").asString();
        assertThat(api.body(created).get("version").asInt()).isEqualTo(1);

        var saved = api.put(operator, "/api/v1/articles/" + id, Map.of("version", 1, "title", title, "kind", "runbook",
                "body", "# Steps\n\n1. Order a certificate\n2. Install it", "ciClasses", List.of("website")));
        assertThat(saved).hasStatusOk();
        assertThat(api.body(saved).get("version").asInt()).isEqualTo(2);

        var stale = api.put(operator, "/api/v1/articles/" + id, Map.of("version", 1, "title", "Overwritten",
                "body", "lost"));
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");
        assertThat(api.put(operator, "/api/v1/articles/" + id, Map.of("title", "t", "body", "b"))).hasStatus(422);

        var versions = api.body(api.get(accounts.viewer().token(), "/api/v1/articles/" + id + "/versions"))
                .valueStream().toList();
        assertThat(versions.stream().map(v -> v.get("version").asInt()).toList()).containsExactly(2, 1);
        assertThat(versions.get(0).get("savedBy").asString()).isEqualTo(accounts.operator().username());
        assertThat(versions.get(0).get("appliesTo").asString()).contains("Website");
        var first = api.body(api.get(operator, "/api/v1/articles/" + id + "/versions/1"));
        assertThat(first.get("body").asString()).doesNotContain("Install it");
        assertThat(first.get("html").asString()).contains("<h1>Steps</h1>");
        var current = api.body(api.get(operator, "/api/v1/articles/" + id));
        assertThat(current.get("title").asString()).isEqualTo(title);
        assertThat(current.get("body").asString()).contains("Install it");
        assertThat(api.get(operator, "/api/v1/articles/" + id + "/versions/7")).hasStatus(404);

        var found = api.body(api.get(operator, "/api/v1/articles?q=" + title.substring(title.length() - 8)));
        assertThat(found.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void refusesBadFieldsNamingEachOneAndStoresNothing() {
        var title = unique("never-stored");
        var body = new HashMap<String, Object>();
        body.put("title", title);
        body.put("kind", "poem");
        body.put("body", " ");
        body.put("ciClasses", List.of("server", "toaster"));
        body.put("checkTypes", List.of("carrier_pigeon"));
        body.put("alertRules", List.of(Map.of("dedupKey", "x*")));

        var refused = api.post(operator, "/api/v1/articles", body);

        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("kind", "body", "ciClasses[1]", "checkTypes[0]",
                "alertRules[0].source");
        assertThat(api.body(api.get(operator, "/api/v1/articles?q=" + title)).get("total").asLong()).isZero();
        assertThat(api.post(accounts.viewer().token(), "/api/v1/articles", Map.of("title", "t", "body", "b")))
                .hasStatus(403);
        var question = api.get(operator, "/api/v1/articles/applicable?ciClass=toaster&checkType=x&ci=nope");
        assertThat(question).hasStatus(422);
        assertThat(api.fields(question)).containsExactly("ciClass", "ci", "checkType");
    }

    @Test
    void findsWhatAppliesByCiClassCheckTypeAndAlertSourceWithDedupKeyPatternsRunbooksFirst() {
        var tag = unique("applies");
        var source = unique("nagios").toLowerCase();
        var byClass = article(tag + " database article", "article", Map.of("ciClasses", List.of("database")));
        var byCheck = article(tag + " ping runbook", "runbook", Map.of("checkTypes", List.of("ping")));
        var bySource = article(tag + " any alert", "runbook", Map.of("alertRules", List.of(Map.of("source", source))));
        var byKey = article(tag + " disk alerts", "runbook", Map.of("alertRules",
                List.of(Map.of("source", source.toUpperCase(), "dedupKey", "disk:*:full"))));

        assertThat(applicable("ciClass=database")).contains(byClass).doesNotContain(byCheck, bySource, byKey);
        assertThat(applicable("checkType=ping")).contains(byCheck).doesNotContain(byClass);
        assertThat(applicable("alertSource=" + source + "&dedupKey=cpu:web-1")).contains(bySource)
                .doesNotContain(byKey);
        var disk = applicable("alertSource=" + source + "&dedupKey=disk:db-1:full&ciClass=database");
        assertThat(disk).contains(bySource, byKey, byClass);
        assertThat(disk.indexOf(byClass)).isGreaterThan(disk.indexOf(byKey)).isGreaterThan(disk.indexOf(bySource));
        assertThat(applicable("alertSource=" + unique("elsewhere"))).doesNotContain(bySource, byKey);

        var db = new CiFixtures(ciManagement, relationshipManagement).create("database", unique("db"));
        assertThat(applicable("ci=" + db.id())).contains(byClass);
        assertThat(runbooks.applicableTo(CiClass.DATABASE, CheckType.PING, source).stream().map(Article::title)
                .filter(t -> t.startsWith(tag)).toList())
                .containsExactly(tag + " any alert", tag + " ping runbook", tag + " database article");
        assertThat(api.get(accounts.of(Role.REQUESTER).token(), "/api/v1/articles/applicable?ciClass=database"))
                .hasStatus(403);
    }

    @Test
    void markdownIsRenderedWithRawHtmlEscapedAndUnsafeLinksDropped() {
        var created = api.body(api.post(operator, "/api/v1/articles", Map.of("title", unique("unsafe"),
                "body", "Hello **bold**\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
                        + "[click](javascript:alert(1))")));

        var html = created.get("html").asString();
        assertThat(html).contains("<strong>bold</strong>");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("javascript:");
        assertThat(html).contains("&lt;script&gt;");
        assertThat(created.get("body").asString()).contains("<script>");
    }

    private String article(String title, String kind, Map<String, Object> links) {
        var body = new HashMap<String, Object>(links);
        body.put("title", title);
        body.put("kind", kind);
        body.put("body", "Do the thing.");
        var created = api.post(operator, "/api/v1/articles", body);
        assertThat(created).hasStatus(201);
        return api.body(created).get("id").asString();
    }

    private List<String> applicable(String query) {
        var found = api.get(accounts.viewer().token(), "/api/v1/articles/applicable?" + query);
        assertThat(found).hasStatusOk();
        return api.body(found).valueStream().map(a -> a.get("id").asString()).toList();
    }
}
