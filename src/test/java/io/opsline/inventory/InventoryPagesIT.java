package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.unique;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import io.opsline.identity.Role;
import io.opsline.inventory.CiClass;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class InventoryPagesIT {

    private static final Pattern CI_LINK = Pattern.compile("href=\"/cis/[0-9a-f-]{36}\"");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;

    InventoryClient api;

    @BeforeEach
    void client() {
        api = new InventoryClient(mvc, accounts, json);
    }

    @Test
    void listsCisPageByPageWithTheFiltersKeptInThePagerLinks() {
        var tag = unique("list");
        var csv = new StringBuilder("class,name,tags\n");
        for (int i = 0; i < 51; i++) {
            csv.append("server,").append(tag).append("-s").append(100 + i).append(',').append(tag).append('\n');
        }
        csv.append("database,").append(tag).append("-db,").append(tag).append('\n');
        api.imported("text/csv", csv.toString());

        var first = html(page("/cis?tag=" + tag + "&class=server", Role.VIEWER));
        assertThat(CI_LINK.matcher(first).results().count()).isEqualTo(50);
        assertThat(first).contains(tag + "-s100").doesNotContain(tag + "-s150").doesNotContain(tag + "-db")
                .contains("Showing 1–50 of 51").contains("Page 1 of 2")
                .contains("href=\"/cis?class=server&amp;tag=" + tag + "&amp;page=1\" rel=\"next\"");

        var second = html(page("/cis?tag=" + tag + "&class=server&page=1", Role.VIEWER));
        assertThat(CI_LINK.matcher(second).results().count()).isEqualTo(1);
        assertThat(second).contains(tag + "-s150").contains("Showing 51–51 of 51");

        var search = html(page("/cis?q=" + tag + "-s12", Role.VIEWER));
        assertThat(CI_LINK.matcher(search).results().count()).isEqualTo(10);

        var databases = html(page("/cis?tag=" + tag + "&class=database", Role.VIEWER));
        assertThat(databases).contains(tag + "-db").doesNotContain(tag + "-s1");
    }

    @Test
    void showsHowManyCisThereAreOfEachClassOnceTheListHasLoaded() {
        api.createCi("website", unique("site"));
        assertThat(html(page("/cis", Role.VIEWER))).contains("hx-get=\"/cis/summary\"", "hx-trigger=\"load\"");
        var html = html(page("/cis/summary", Role.VIEWER));

        for (var ciClass : CiClass.values()) {
            var total = api.body(api.get("/api/v1/cis?size=1&class=" + ciClass.key())).get("total").asLong();
            assertThat(html).as(ciClass.key()).containsPattern("href=\"/cis\\?class=" + ciClass.key()
                    + "\"[^>]*>\\s*<strong>" + total + "</strong><span>" + HtmlUtils.htmlEscape(ciClass.label())
                    + "</span>");
        }
    }

    @Test
    void viewersSeeNoControlsToChangeCisButOperatorsAndAdminsDo() {
        var id = api.createCi("server", unique("host"));

        var list = html(page("/cis", Role.VIEWER));
        var ci = html(page("/cis/" + id, Role.VIEWER));
        var transfer = html(page("/inventory/transfer", Role.VIEWER));
        assertThat(list).doesNotContain("New CI").doesNotContain("href=\"/cis/new\"");
        assertThat(ci).doesNotContain("/cis/" + id + "/edit").doesNotContain("/cis/" + id + "/delete")
                .doesNotContain("Add a relationship");
        assertThat(transfer).doesNotContain("action=\"/inventory/import\"").contains("/inventory/export?format=csv");

        for (var role : List.of(Role.OPERATOR, Role.ADMIN)) {
            assertThat(html(page("/cis", role))).as(role.key()).contains("href=\"/cis/new\"").contains("New CI");
            assertThat(html(page("/cis/" + id, role))).as(role.key()).contains("href=\"/cis/" + id + "/edit\"")
                    .contains("action=\"/cis/" + id + "/delete\"").contains("Add a relationship");
            assertThat(html(page("/inventory/transfer", role))).contains("action=\"/inventory/import\"");
        }
    }

    @Test
    void everyFormThatChangesSomethingCarriesTheCsrfToken() {
        var id = api.createCi("server", unique("host"));
        var other = api.createCi("server", unique("other"));
        api.relate(id, "depends_on", other);

        for (var uri : List.of("/cis/" + id, "/cis/new", "/cis/" + id + "/edit", "/inventory/transfer")) {
            var html = html(page(uri, Role.OPERATOR));
            var forms = Pattern.compile("<form\\b[^>]*method=\"post\"[^>]*action=\"(/cis|/inventory)[^>]*>(.*?)</form>",
                    Pattern.DOTALL).matcher(html).results().toList();
            assertThat(forms).as(uri).isNotEmpty();
            assertThat(forms).as(uri).allSatisfy(form -> assertThat(form.group(2)).contains("name=\"_csrf\""));
        }
    }

    @Test
    void viewersAreRefusedTheFormsAndChanges() {
        var id = api.createCi("server", unique("host"));

        assertThat(page("/cis/new", Role.VIEWER)).hasStatus(403);
        assertThat(page("/cis/" + id + "/edit", Role.VIEWER)).hasStatus(403);
        assertThat(form("/cis/" + id + "/delete", Role.VIEWER, Map.of())).hasStatus(403);
        assertThat(page("/cis/" + id + "/relationship-candidates?q=host", Role.VIEWER)).hasStatus(403);
        assertThat(api.ci(id).get("version").asLong()).isZero();
    }

    @Test
    void theCiPageShowsDetailsRelationshipsAndAnImpactGraph() {
        var host = unique("host");
        var vm = unique("vm");
        var app = unique("app");
        var service = unique("svc");
        var hostId = api.createCi("server", host);
        var vmId = api.createCi(Map.of("class", "virtual_machine", "name", vm, "location", "DC-North",
                "tags", List.of("linux"), "addresses", List.of("10.7.7.7"), "attributes", Map.of("os", "debian"),
                "lifecycle", Map.of("vendor", "VMware", "purchaseCost", "1234.5", "warrantyEnd", "2001-01-01")));
        var appId = api.createCi("application", app);
        var serviceId = api.createCi("business_service", service);
        api.relate(vmId, "runs_on", hostId);
        api.relate(appId, "runs_on", vmId);
        api.relate(appId, "part_of", serviceId);

        var html = html(page("/cis/" + vmId, Role.VIEWER));

        assertThat(html).contains("<h1>" + vm + "</h1>").contains("DC-North").contains("10.7.7.7")
                .contains(">linux</a>").contains(">os</dt><dd>debian</dd>").contains("1,234.50").contains("expired");
        assertThat(html).containsPattern("<td>runs on</td>\\s*<td><a href=\"/cis/" + hostId + "\">" + host + "</a>")
                .containsPattern("<td>hosts</td>\\s*<td><a href=\"/cis/" + appId + "\">" + app + "</a>");
        assertThat(html).contains("data-testid=\"impacted-count\">2<");
        assertThat(html).containsPattern("A failure here affects\\s*<a href=\"/cis/" + serviceId + "\">" + service);
        var svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertThat(svg).contains("Impact graph of " + vm).contains(">" + host + "<").contains(">" + app + "<")
                .contains(">" + service + "<").contains("href=\"/cis/" + hostId + "\"").contains("<line");
    }

    @Test
    void aNewCiWithMistakesComesBackWithEachMessageBesideItsField() {
        var form = Map.of("class", "server", "name", " ", "location", "kept-" + unique("loc"),
                "lifecycle.purchaseDate", "2024-02-30", "addresses", "10.0.0.1 300.1.1.1", "tags", "ok, fine");

        var result = form("/cis", Role.OPERATOR, form);

        assertThat(result).hasStatusOk();
        var html = html(result);
        assertInvalid(html, "input", "name", "is required");
        assertInvalid(html, "input", "lifecycle.purchaseDate", "is not a date");
        assertInvalid(html, "input", "addresses", "300.1.1.1");
        assertThat(element(html, "input", "location")).contains("value=\"" + form.get("location") + "\"")
                .doesNotContain("aria-invalid");
        assertThat(element(html, "input", "tags")).contains("value=\"ok, fine\"");
        assertThat(html).contains("Please correct the following").contains("href=\"#name\"");
        assertThat(api.countMatching(form.get("location"))).isZero();
    }

    @Test
    void anAttributeLineWithoutEqualsSignIsShownBesideTheAttributes() {
        var name = unique("attrs");

        var html = html(form("/cis", Role.OPERATOR, Map.of("class", "server", "name", name,
                "attributes", "os = debian\nrack r4")));

        assertInvalid(html, "textarea", "attributes", "line 2 is not");
        assertThat(html).contains("os = debian\nrack r4");
        assertThat(api.countMatching(name)).isZero();

        var badName = html(form("/cis", Role.OPERATOR, Map.of("class", "server", "name", name,
                "attributes", "bad key = x")));
        assertInvalid(badName, "textarea", "attributes", "bad key");
    }

    @Test
    void aValidNewCiIsCreatedAndTheBrowserSentToItsPage() {
        var name = unique("created");

        var result = form("/cis", Role.OPERATOR, Map.of("class", "server", "name", name, "tags", "Linux, web",
                "addresses", "10.3.3.3\n" + name + ".example.com", "attributes", "os = debian\n\ncpus=8",
                "lifecycle.purchaseCost", "99.5", "ownerTeam", ""));

        assertThat(result).hasStatus(302);
        var id = api.ciNamed("server", name).get("id").asString();
        assertThat(result).redirectedUrl().isEqualTo("/cis/" + id);
        assertThat(result.getMvcResult().getFlashMap().get("notice")).isEqualTo("Server " + name + " created.");
        var ci = api.ci(id);
        assertThat(ci.get("tags").toString()).isEqualTo("[\"linux\",\"web\"]");
        assertThat(ci.get("addresses")).hasSize(2);
        assertThat(ci.get("attributes").get("cpus").asString()).isEqualTo("8");
        assertThat(ci.get("lifecycle").get("purchaseCost").decimalValue()).isEqualByComparingTo("99.50");
        assertThat(html(page("/cis/new?class=database", Role.OPERATOR))).containsPattern(
                "<option value=\"database\" selected=\"selected\">");
    }

    @Test
    void editingAnOutdatedVersionSaysSoAndKeepsWhatTheUserTyped() {
        var name = unique("edited");
        var id = api.createCi("server", name);
        var form = new java.util.HashMap<String, String>(Map.of("class", "server", "name", name, "status", "active",
                "location", "typed by me", "version", "0"));
        var edit = html(page("/cis/" + id + "/edit", Role.OPERATOR));
        assertThat(element(edit, "input", "name")).contains("value=\"" + name + "\"");
        assertThat(edit).contains("name=\"version\" value=\"0\"");

        assertThat(form("/cis/" + id, Role.OPERATOR, Map.of("class", "server", "name", name, "status", "retired",
                "version", "0"))).hasStatus(302);
        var stale = form("/cis/" + id, Role.OPERATOR, form);

        assertThat(stale).hasStatusOk();
        var html = html(stale);
        assertThat(html).contains("was changed by someone else");
        assertThat(element(html, "input", "location")).contains("value=\"typed by me\"");
        var current = api.ci(id);
        assertThat(current.get("location").isNull()).isTrue();
        assertThat(current.get("status").asString()).isEqualTo("retired");
        assertThat(current.get("version").asLong()).isEqualTo(1);

        form.put("version", "1");
        assertThat(form("/cis/" + id, Role.OPERATOR, form)).hasStatus(302).redirectedUrl().isEqualTo("/cis/" + id);
        assertThat(api.ci(id).get("location").asString()).isEqualTo("typed by me");
    }

    @Test
    void addsRelationshipsFromTheCiPageInEitherDirection() {
        var vm = unique("vm");
        var host = unique("host");
        var app = unique("app");
        var vmId = api.createCi("virtual_machine", vm);
        var hostId = api.createCi("server", host);
        var appId = api.createCi("application", app);

        var runsOn = form("/cis/" + vmId + "/relationships", Role.OPERATOR, Map.of("relation", "runs_on",
                "other", hostId));
        var hosts = form("/cis/" + vmId + "/relationships", Role.OPERATOR, Map.of("relation", "inverse:runs_on",
                "other", appId));

        assertThat(runsOn).hasStatus(302).redirectedUrl().isEqualTo("/cis/" + vmId + "#relationships");
        assertThat(hosts).hasStatus(302);
        assertThat(hosts.getMvcResult().getFlashMap().get("notice"))
                .isEqualTo("Added: %s runs on %s.".formatted(app, vm));
        assertThat(api.relationshipsOf(vmId)).containsExactlyInAnyOrder(vm + " runs_on " + host,
                app + " runs_on " + vm);

        var self = form("/cis/" + vmId + "/relationships", Role.OPERATOR, Map.of("relation", "runs_on",
                "other", vmId));
        assertThat(self).hasStatus(302);
        assertThat((String) self.getMvcResult().getFlashMap().get("relationError")).contains("itself");
        var nothingChosen = form("/cis/" + vmId + "/relationships", Role.OPERATOR, Map.of("relation", "runs_on"));
        assertThat((String) nothingChosen.getMvcResult().getFlashMap().get("relationError")).contains("required");
        assertThat(api.relationshipsOf(vmId)).hasSize(2);

        var relationship = api.body(api.get("/api/v1/relationships?ci=" + hostId)).get("items").get(0).get("id")
                .asString();
        assertThat(form("/cis/" + vmId + "/relationships/" + relationship + "/delete", Role.OPERATOR, Map.of()))
                .hasStatus(302);
        assertThat(api.relationshipsOf(vmId)).containsExactly(app + " runs_on " + vm);
    }

    @Test
    void offersMatchingCisOtherThanItselfAsRelationshipCandidates() {
        var prefix = unique("cand");
        var self = api.createCi("server", prefix + "-self");
        var other = api.createCi("database", prefix + "-other");

        var options = html(page("/cis/" + self + "/relationship-candidates?q=" + prefix, Role.OPERATOR));

        assertThat(options).contains("<option value=\"" + other + "\">" + prefix + "-other (Database)</option>")
                .doesNotContain(self).contains("1 match(es): choose one").doesNotContain("<html");
        assertThat(html(page("/cis/" + self + "/relationship-candidates?q=", Role.OPERATOR)))
                .contains("Type to search…").doesNotContain("<option value=\"" + other);
        assertThat(html(page("/cis/" + self + "/relationship-candidates?q=nothing-" + prefix, Role.OPERATOR)))
                .contains("No match");
    }

    @Test
    void theImpactPageListsWhatAFailureAffectsAndWhatACiNeeds() {
        var host = unique("host");
        var vm = unique("vm");
        var app = unique("app");
        var hostId = api.createCi("server", host);
        var vmId = api.createCi("virtual_machine", vm);
        var appId = api.createCi("application", app);
        api.relate(vmId, "runs_on", hostId);
        api.relate(appId, "depends_on", vmId);

        var impacted = html(page("/cis/" + hostId + "/impact", Role.VIEWER));
        assertThat(impacted).contains("What a failure of " + host + " affects").contains("2 configuration item(s)")
                .containsPattern("<td class=\"num\">1</td>\\s*<td><a href=\"/cis/" + vmId + "\">" + vm + "</a>")
                .containsPattern("<td class=\"num\">2</td>\\s*<td><a href=\"/cis/" + appId + "\">" + app + "</a>")
                .containsPattern("<span>" + vm + "</span> <span class=\"muted\">\\(depends on\\)</span>");

        var needs = html(page("/cis/" + appId + "/impact?direction=dependencies", Role.VIEWER));
        assertThat(needs).contains("What " + app + " needs").contains(">" + host + "</a>");
        assertThat(html(page("/cis/" + appId + "/impact", Role.VIEWER))).contains("Nothing depends on this CI.");

        var sideways = page("/cis/" + appId + "/impact?direction=sideways", Role.VIEWER);
        assertThat(sideways).hasStatus(422);
        assertThat(html(sideways)).contains("must be impacted or dependencies");
    }

    @Test
    void theTransferPageRendersItsFormsAndLinks() {
        var html = html(page("/inventory/transfer", Role.OPERATOR));

        assertThat(html).contains("Import and export").contains("enctype=\"multipart/form-data\"")
                .contains("href=\"/inventory/export?format=csv&amp;kind=relationships\"")
                .contains("href=\"/inventory/export?format=yaml\"").doesNotContain("data-testid=\"import-error\"");
    }

    @Test
    void uploadingAFileShowsTheImportReport() {
        var name = unique("upload");
        var file = new MockMultipartFile("file", "servers.csv", "text/csv",
                ("class,name\nserver," + name + "\n").getBytes(StandardCharsets.UTF_8));

        var dryRun = html(upload(file, true));
        assertThat(dryRun).contains("Dry run of servers.csv: nothing was written.").contains("CIs: 1 created");
        assertThat(api.countMatching(name)).isZero();

        var imported = html(upload(file, false));
        assertThat(imported).contains("data-testid=\"import-report\"").contains("Imported servers.csv.")
                .contains("CIs: 1 created, 0 updated, 0 unchanged.");
        assertThat(api.countMatching(name)).isEqualTo(1);

        var yaml = new MockMultipartFile("file", "more.yml", "application/octet-stream",
                ("cis: [{class: server, name: " + name + "}]\n").getBytes(StandardCharsets.UTF_8));
        assertThat(html(upload(yaml, false))).contains("CIs: 0 created, 0 updated, 1 unchanged.");
    }

    @Test
    void uploadingABadFileShowsEachRowsProblem() {
        var prefix = unique("badupload");
        var file = new MockMultipartFile("file", "bad.csv", "text/csv",
                "class,name,purchase_date\ntoaster,%1$s-a,\nserver,%1$s-b,someday\n".formatted(prefix)
                        .getBytes(StandardCharsets.UTF_8));

        var html = HtmlUtils.htmlUnescape(html(upload(file, false)));

        assertThat(html).contains("data-testid=\"import-error\"").contains("The file has 2 problems; nothing was imported")
                .containsPattern("<td class=\"num\">2</td><td class=\"mono\">class</td><td>unknown value 'toaster'")
                .containsPattern("<td class=\"num\">3</td><td class=\"mono\">purchase_date</td>")
                .doesNotContain("data-testid=\"import-report\"");
        assertThat(api.countMatching(prefix)).isZero();

        var unreadable = new MockMultipartFile("file", "broken.csv", "text/csv",
                "class,name\nserver,\"open\n".getBytes(StandardCharsets.UTF_8));
        assertThat(html(upload(unreadable, false))).containsPattern("<td class=\"num\">—</td><td class=\"mono\">file</td>");
        var text = new MockMultipartFile("file", "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(html(upload(text, false))).contains("Use a .csv, .yaml, .yml or .json file.");
        var odd = new MockMultipartFile("file", "inventory", "not a type", "class,name\n".getBytes(StandardCharsets.UTF_8));
        assertThat(html(upload(odd, false))).contains("Use a .csv, .yaml, .yml or .json file.");
        var empty = new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]);
        assertThat(html(upload(empty, false))).contains("Choose a file to import.");
    }

    @Test
    void exportsCsvAsADownload() {
        var tag = unique("dl");
        var name = unique("exported");
        api.createCi(Map.of("class", "server", "name", name, "tags", List.of(tag)));

        var result = page("/inventory/export?format=csv&tag=" + tag, Role.VIEWER);

        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"opsline-cis.csv\"");
        var lines = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).startsWith("external_id,class,name,status");
        assertThat(lines.get(1)).contains(",server," + name + ",active,production,medium,,,," + tag + ",");

        var bad = page("/inventory/export?format=xls", Role.VIEWER);
        assertThat(bad).hasStatus(422);
        assertThat(bad.getResponse().getContentType()).startsWith("text/html");
    }

    @Test
    void deletingACiFromItsPageGoesBackToTheList() {
        var name = unique("doomed");
        var id = api.createCi("server", name);

        var result = form("/cis/" + id + "/delete", Role.OPERATOR, Map.of());

        assertThat(result).hasStatus(302).redirectedUrl().isEqualTo("/cis");
        assertThat(result.getMvcResult().getFlashMap().get("notice")).isEqualTo("Server " + name + " deleted.");
        assertThat(api.get("/api/v1/cis/" + id)).hasStatus(404);
    }

    @Test
    void anUnknownCiShowsTheNotFoundPage() {
        var result = page("/cis/" + java.util.UUID.randomUUID(), Role.VIEWER);

        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentType()).startsWith("text/html");
        assertThat(html(result)).contains("<p class=\"error-code\">404</p>").contains("Not Found")
                .doesNotContain("urn:opsline:problem");
        assertThat(page("/cis/" + java.util.UUID.randomUUID() + "/edit", Role.OPERATOR)).hasStatus(404);
        var notAnId = page("/cis/web01", Role.VIEWER);
        assertThat(notAnId).hasStatus(400);
        assertThat(notAnId.getResponse().getContentType()).startsWith("text/html");
        assertThat(page("/cis?page=abc", Role.VIEWER)).hasStatus(400);
    }

    @Test
    void anInvalidFilterShowsAMessageInsteadOfFailing() {
        for (var query : List.of("class=toaster", "status=gone", "team=nobody-" + unique("t"), "sort=size",
                "page=-1")) {
            var result = page("/cis?" + query, Role.VIEWER);

            assertThat(result).as(query).hasStatusOk();
            assertThat(html(result)).as(query).contains("Please correct the following");
        }
        assertThat(HtmlUtils.htmlUnescape(html(page("/cis?class=toaster", Role.VIEWER))))
                .contains("Class: unknown value 'toaster'")
                .as("pager and export links drop the refused filter")
                .doesNotContain("/cis?class=toaster", "kind=cis&class=toaster");
    }

    @Test
    void signedOutVisitorsAreSentToTheSignInPage() {
        var result = mvc.get().uri("/cis").exchange();

        assertThat(result).hasStatus(302);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
    }

    private MvcTestResult page(String uri, Role role) {
        return mvc.get().uri(uri).with(as(role)).exchange();
    }

    private MvcTestResult form(String uri, Role role, Map<String, String> fields) {
        var request = mvc.post().uri(uri).with(as(role)).with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getValue());
        }
        return request.exchange();
    }

    private MvcTestResult upload(MockMultipartFile file, boolean dryRun) {
        var result = mvc.post().uri("/inventory/import").multipart().file(file).param("dryRun", Boolean.toString(dryRun))
                .with(as(Role.OPERATOR)).with(csrf()).exchange();
        assertThat(result).hasStatusOk();
        return result;
    }

    /** A signed-in session of a real user with this role. */
    private RequestPostProcessor as(Role role) {
        return user(accounts.of(role).username()).roles(role.name());
    }

    private static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** The opening tag of the form control with this id. */
    private static String element(String html, String tag, String id) {
        var matcher = Pattern.compile("<" + tag + "\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(matcher.find()).as("<%s id=%s>", tag, id).isTrue();
        return matcher.group();
    }

    private static void assertInvalid(String html, String tag, String id, String message) {
        assertThat(element(html, tag, id)).contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"" + id + "-error\"");
        var error = Pattern.compile("<p class=\"field-error\" id=\"" + Pattern.quote(id + "-error") + "\">([^<]*)</p>")
                .matcher(html);
        assertThat(error.find()).as("field-error of %s", id).isTrue();
        assertThat(HtmlUtils.htmlUnescape(error.group(1))).contains(message);
    }
}
