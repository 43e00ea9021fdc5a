package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.fields;
import static io.opsline.inventory.InventoryClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class RelationshipApiIT {

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
    void createsReadsListsAndDeletesARelationship() {
        var appName = unique("app");
        var vmName = unique("vm");
        var app = api.createCi("application", appName);
        var vm = api.createCi("virtual_machine", vmName);

        var created = api.post("/api/v1/relationships", Map.of("source", app, "type", "RUNS_ON", "target", vm));

        assertThat(created).hasStatus(201);
        var relationship = api.body(created);
        var id = relationship.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/relationships/" + id);
        assertThat(relationship.get("type").asString()).isEqualTo("runs_on");
        assertThat(relationship.get("source").get("name").asString()).isEqualTo(appName);
        assertThat(relationship.get("source").get("class").asString()).isEqualTo("application");
        assertThat(relationship.get("target").get("id").asString()).isEqualTo(vm);
        assertThat(relationship.get("createdAt").isNull()).isFalse();

        var read = api.get("/api/v1/relationships/" + id);
        assertThat(read).hasStatusOk();
        assertThat(api.body(read).get("target").get("name").asString()).isEqualTo(vmName);

        assertThat(listed("ci=" + app)).containsExactly(id);
        assertThat(listed("ci=" + vm)).containsExactly(id);
        assertThat(listed("ci=" + vm + "&type=runs_on")).containsExactly(id);
        assertThat(listed("ci=" + vm + "&type=depends_on")).isEmpty();
        assertThat(listed("type=runs_on&size=500")).isNotEmpty();

        assertThat(api.delete("/api/v1/relationships/" + id)).hasStatus(204);
        assertThat(api.get("/api/v1/relationships/" + id)).hasStatus(404);
        assertThat(listed("ci=" + app)).isEmpty();
        assertThat(api.delete("/api/v1/relationships/" + id)).hasStatus(404);
        assertThat(actions("entityId=" + id)).containsExactlyInAnyOrder("relationship.create", "relationship.delete");
    }

    @Test
    void listsRelationshipsOfOneCiPageByPage() {
        var hub = api.createCi("server", unique("hub"));
        for (int i = 0; i < 3; i++) {
            api.relate(api.createCi("virtual_machine", unique("guest")), "runs_on", hub);
        }

        var page = api.body(api.get("/api/v1/relationships?ci=" + hub + "&size=2&page=1"));

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(1);
    }

    @Test
    void refusesFilterMistakes() {
        assertThat(fields(api.body(api.get("/api/v1/relationships?ci=not-an-id&type=owns"))))
                .containsExactly("ci", "type");
    }

    @Test
    void refusesToRelateACiToItself() {
        var ci = api.createCi("server", unique("host"));

        var result = api.post("/api/v1/relationships", Map.of("source", ci, "type", "depends_on", "target", ci));

        assertThat(result).hasStatus(422);
        assertThat(fields(api.body(result))).containsExactly("target");
        assertThat(api.relationshipsOf(ci)).isEmpty();
    }

    @Test
    void namesEachMissingOrUnknownEnd() {
        var ci = api.createCi("server", unique("host"));

        var unknownTarget = api.post("/api/v1/relationships", Map.of("source", ci, "type", "runs_on",
                "target", UUID.randomUUID().toString()));
        assertThat(unknownTarget).hasStatus(422);
        assertThat(fields(api.body(unknownTarget))).containsExactly("target");

        var unknownSource = api.post("/api/v1/relationships", Map.of("source", "web01", "type", "runs_on",
                "target", ci));
        assertThat(unknownSource).hasStatus(422);
        assertThat(fields(api.body(unknownSource))).containsExactly("source");

        var missingBoth = api.post("/api/v1/relationships", Map.of("type", "runs_on"));
        assertThat(missingBoth).hasStatus(422);
        assertThat(fields(api.body(missingBoth))).containsExactly("source", "target");
        assertThat(api.relationshipsOf(ci)).isEmpty();
    }

    @Test
    void requiresAKnownType() {
        var a = api.createCi("server", unique("a"));
        var b = api.createCi("server", unique("b"));

        var unknown = api.post("/api/v1/relationships", Map.of("source", a, "type", "owns", "target", b));
        assertThat(unknown).hasStatus(422);
        assertThat(fields(api.body(unknown))).containsExactly("type");
        assertThat(api.body(unknown).get("errors").get(0).get("message").asString()).contains("owns")
                .contains("depends_on");

        var missing = api.post("/api/v1/relationships", Map.of("source", a, "target", b));
        assertThat(missing).hasStatus(422);
        assertThat(fields(api.body(missing))).containsExactly("type");

        var blank = new HashMap<String, Object>(Map.of("source", a, "target", b));
        blank.put("type", " ");
        assertThat(fields(api.body(api.post("/api/v1/relationships", blank)))).containsExactly("type");
        assertThat(api.relationshipsOf(a)).isEmpty();
    }

    @Test
    void refusesTheSameRelationshipTwiceButNotAnotherTypeOrDirection() {
        var a = api.createCi("server", unique("a"));
        var b = api.createCi("server", unique("b"));
        api.relate(a, "connected_to", b);

        var duplicate = api.post("/api/v1/relationships", Map.of("source", a, "type", "connected_to", "target", b));

        assertThat(duplicate).hasStatus(409);
        assertThat(api.body(duplicate).get("type").asString()).isEqualTo("urn:opsline:problem:conflict");
        api.relate(a, "depends_on", b);
        api.relate(b, "connected_to", a);
        assertThat(api.relationshipsOf(a)).hasSize(3);
    }

    @Test
    void deletingACiDeletesItsRelationshipsAndAuditsEachRemoval() {
        var hostName = unique("host");
        var host = api.createCi("server", hostName);
        var guest = api.createCi("virtual_machine", unique("guest"));
        var service = api.createCi("business_service", unique("svc"));
        var bystander = api.createCi("application", unique("bystander"));
        var hosts = api.relate(guest, "runs_on", host);
        var partOf = api.relate(host, "part_of", service);
        var unrelated = api.relate(bystander, "depends_on", guest);

        assertThat(api.delete("/api/v1/cis/" + host)).hasStatus(204);

        assertThat(api.get("/api/v1/relationships/" + hosts)).hasStatus(404);
        assertThat(api.get("/api/v1/relationships/" + partOf)).hasStatus(404);
        assertThat(api.get("/api/v1/relationships/" + unrelated)).hasStatusOk();
        assertThat(api.relationshipsOf(guest)).hasSize(1);
        assertThat(api.relationshipsOf(service)).isEmpty();
        for (var removed : List.of(hosts, partOf)) {
            var record = api.audit("action=relationship.delete&entityId=" + removed).get("items");
            assertThat(record).hasSize(1);
            assertThat(record.get(0).get("entityType").asString()).isEqualTo("relationship");
            assertThat(record.get(0).get("summary").asString()).contains(hostName);
            assertThat(record.get(0).get("before").asString()).contains(removed);
            assertThat(record.get(0).get("after").isNull()).isTrue();
        }
        assertThat(actions("entityId=" + unrelated)).containsExactly("relationship.create");
        var deleted = api.audit("action=ci.delete&entityId=" + host).get("items");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.get(0).get("summary").asString()).contains(hostName).contains("2 relationship(s)");
    }

    @Test
    void viewersMayReadButNotChangeRelationships() {
        var a = api.createCi("server", unique("a"));
        var b = api.createCi("server", unique("b"));
        var id = api.relate(a, "depends_on", b);
        var viewer = accounts.viewer();

        var create = api.post("/api/v1/relationships", Map.of("source", b, "type", "depends_on", "target", a), viewer);
        assertThat(create).hasStatus(403);
        assertThat(api.body(create).get("type").asString()).isEqualTo("urn:opsline:problem:forbidden");
        assertThat(api.delete("/api/v1/relationships/" + id, viewer)).hasStatus(403);

        assertThat(api.get("/api/v1/relationships/" + id)).hasStatusOk();
        assertThat(api.relationshipsOf(a)).hasSize(1);
        assertThat(api.delete("/api/v1/relationships/" + id, accounts.admin())).hasStatus(204);
    }

    private List<String> listed(String query) {
        var result = api.get("/api/v1/relationships?" + query);
        assertThat(result).hasStatusOk();
        return api.body(result).get("items").valueStream().map(r -> r.get("id").asString()).toList();
    }

    private List<String> actions(String query) {
        JsonNode page = api.audit(query);
        return page.get("items").valueStream().map(r -> r.get("action").asString()).toList();
    }
}
