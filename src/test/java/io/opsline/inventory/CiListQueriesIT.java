package io.opsline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiRepository;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The list's queries whose SQL was reshaped for speed (see bench/inventory): paging by ids first,
 * the engine-specific tag list, and batched labels for imported relationships.
 */
@OpslineIntegrationTest
class CiListQueriesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    CiManagement cis;
    @Autowired
    CiRepository repository;

    @Test
    void everyPageKeepsTheOrderAskedForAtAnyDepth() {
        var tag = unique("order");
        var names = List.of("delta", "alpha", "echo", "charlie", "bravo").stream().map(n -> tag + "-" + n).toList();
        for (var name : names) {
            assertThat(post("/api/v1/cis", Map.of("class", "server", "name", name, "tags", new String[] {tag},
                    "status", name.endsWith("echo") || name.endsWith("alpha") ? "retired" : "active"))).hasStatus(201);
        }
        var byName = names.stream().sorted().toList();
        assertThat(pages("tag=" + tag + "&sort=name", 2, 3)).containsExactlyElementsOf(byName);
        assertThat(pages("q=" + tag + "&class=server", 2, 3)).containsExactlyElementsOf(byName);
        assertThat(pages("q=" + tag + "&class=server&status=active&sort=status", 1, 3))
                .containsExactly(tag + "-bravo", tag + "-charlie", tag + "-delta");
        // Status first (active before retired), then name.
        assertThat(pages("tag=" + tag + "&sort=status", 2, 3)).containsExactly(tag + "-bravo", tag + "-charlie",
                tag + "-delta", tag + "-alpha", tag + "-echo");
        // Recently changed first: the CIs were created one after another.
        assertThat(pages("tag=" + tag + "&sort=updated", 2, 3)).containsExactlyElementsOf(names.reversed());
        var last = body(get("/api/v1/cis?tag=" + tag + "&size=2&page=2"));
        assertThat(last.get("total").asLong()).isEqualTo(5);
        assertThat(last.get("items")).hasSize(1);
        var beyond = body(get("/api/v1/cis?tag=" + tag + "&size=2&page=7"));
        assertThat(beyond.get("total").asLong()).isEqualTo(5);
        assertThat(beyond.get("items")).isEmpty();
        var textBeyond = body(get("/api/v1/cis?q=" + tag + "&size=2&page=7"));
        assertThat(textBeyond.get("total").asLong()).isEqualTo(5);
        assertThat(textBeyond.get("items")).isEmpty();
        assertThat(pages("q=" + tag.toUpperCase() + "&sort=updated", 2, 3)).containsExactlyElementsOf(names.reversed());
        var byClassAndStatus = body(get("/api/v1/cis?q=" + tag + "&class=server&status=retired"));
        assertThat(byClassAndStatus.get("items").valueStream().map(i -> i.get("name").asString()).toList())
                .containsExactly(tag + "-alpha", tag + "-echo");
        assertThat(byClassAndStatus.get("items").get(0).get("tags").toString()).isEqualTo("[\"" + tag + "\"]");
    }

    @Test
    void listsEveryTagInUseOnceInAlphabeticalOrder() {
        var prefix = unique("tags");
        var later = prefix + "-zz";
        var earlier = prefix + "-aa";
        post("/api/v1/cis", Map.of("class", "server", "name", unique("t1"), "tags", new String[] {later, earlier}));
        post("/api/v1/cis", Map.of("class", "database", "name", unique("t2"), "tags", new String[] {later}));
        var tags = cis.tagsInUse();
        assertThat(tags).doesNotHaveDuplicates().isSorted().containsSubsequence(earlier, later);
        assertThat(tags.stream().filter(t -> t.startsWith(prefix))).containsExactly(earlier, later);
    }

    @Test
    void refreshesPlannerStatisticsOnEitherEngine() {
        repository.refreshStatistics();
        assertThat(names(get("/api/v1/cis?size=1"))).hasSize(1);
    }

    @Test
    void importedRelationshipsBetweenStoredCisAreAuditedByName() {
        var source = unique("app");
        var target = unique("db");
        assertThat(importCsv("class,name\napplication," + source + "\ndatabase," + target + "\n")).hasStatusOk();
        var imported = importCsv("source_class,source_name,type,target_class,target_name\n"
                + "application," + source + ",depends_on,database," + target + "\n");
        assertThat(imported).hasStatusOk();
        assertThat(body(imported).get("relationshipsCreated").asInt()).isEqualTo(1);
        var audit = body(mvc.get().uri("/api/v1/audit?action=relationship.create&text=" + source)
                .header(HttpHeaders.AUTHORIZATION, accounts.admin().bearer()).exchange());
        assertThat(audit.get("items").get(0).get("summary").asString())
                .isEqualTo("Related application %s depends on database %s by import".formatted(source, target));
    }

    List<String> names(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        return body(result).get("items").valueStream().map(i -> i.get("name").asString()).toList();
    }

    List<String> pages(String filter, int size, int count) {
        var names = new java.util.ArrayList<String>();
        for (int page = 0; page < count; page++) {
            var result = get("/api/v1/cis?" + filter + "&size=" + size + "&page=" + page);
            assertThat(result).hasStatusOk();
            body(result).get("items").valueStream().forEach(i -> names.add(i.get("name").asString()));
        }
        return names;
    }

    MvcTestResult importCsv(String csv) {
        return mvc.post().uri("/api/v1/import").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.valueOf("text/csv")).content(csv.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    MvcTestResult get(String uri) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer()).exchange();
    }

    MvcTestResult post(String uri, Object body) {
        return mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
    }

    JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
