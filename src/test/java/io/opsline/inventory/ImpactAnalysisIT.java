package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class ImpactAnalysisIT {

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
    void aFailureTravelsDownAChainOneStepPerRelationship() {
        var server = api.createCi("server", unique("host"));
        var vm = api.createCi("virtual_machine", unique("vm"));
        var db = api.createCi("database", unique("db"));
        var app = api.createCi("application", unique("app"));
        api.relate(vm, "runs_on", server);
        api.relate(db, "runs_on", vm);
        api.relate(app, "depends_on", db);

        var impacted = impact(server, "impacted");
        assertThat(impacted.get("root").get("id").asString()).isEqualTo(server);
        assertThat(depths(impacted)).containsExactly(Map.entry(vm, 1), Map.entry(db, 2), Map.entry(app, 3));
        assertThat(node(impacted, vm).get("via").asString()).isEqualTo(server);
        assertThat(node(impacted, vm).get("viaType").asString()).isEqualTo("runs_on");
        assertThat(node(impacted, db).get("via").asString()).isEqualTo(vm);
        assertThat(node(impacted, app).get("via").asString()).isEqualTo(db);
        assertThat(node(impacted, app).get("viaType").asString()).isEqualTo("depends_on");
        assertThat(impacted.get("businessServices")).isEmpty();

        var dependencies = impact(app, "dependencies");
        assertThat(depths(dependencies)).containsExactly(Map.entry(db, 1), Map.entry(vm, 2), Map.entry(server, 3));
        assertThat(node(dependencies, server).get("via").asString()).isEqualTo(vm);

        assertThat(depths(impact(app, "impacted"))).isEmpty();
        assertThat(depths(impact(server, "dependencies"))).isEmpty();
    }

    @Test
    void aFailingPartImpactsTheWholeItIsPartOf() {
        var server = api.createCi("server", unique("host"));
        var app = api.createCi("application", unique("app"));
        var service = api.createCi("business_service", unique("shop"));
        api.relate(app, "runs_on", server);
        api.relate(app, "part_of", service);

        var fromApp = impact(app, "impacted");
        assertThat(depths(fromApp)).containsExactly(Map.entry(service, 1));
        assertThat(node(fromApp, service).get("viaType").asString()).isEqualTo("part_of");
        assertThat(ids(fromApp.get("businessServices"))).containsExactly(service);

        var fromServer = impact(server, "impacted");
        assertThat(depths(fromServer)).containsExactly(Map.entry(app, 1), Map.entry(service, 2));
        assertThat(ids(fromServer.get("businessServices"))).containsExactly(service);

        assertThat(depths(impact(service, "impacted"))).isEmpty();
        assertThat(depths(impact(service, "dependencies"))).containsExactly(Map.entry(app, 1), Map.entry(server, 2));
    }

    @Test
    void aDiamondListsEachCiOnceAtItsShortestDistance() {
        var bottom = api.createCi("server", unique("bottom"));
        var left = api.createCi("database", unique("left"));
        var right = api.createCi("database", unique("right"));
        var top = api.createCi("application", unique("top"));
        var detour1 = api.createCi("application", unique("detour1"));
        var detour2 = api.createCi("application", unique("detour2"));
        api.relate(left, "depends_on", bottom);
        api.relate(right, "runs_on", bottom);
        api.relate(top, "depends_on", left);
        api.relate(top, "depends_on", right);
        api.relate(detour1, "connected_to", bottom);
        api.relate(detour2, "depends_on", detour1);
        api.relate(top, "depends_on", detour2);

        var impacted = impact(bottom, "impacted");

        assertThat(depths(impacted)).containsOnly(Map.entry(left, 1), Map.entry(right, 1), Map.entry(detour1, 1),
                Map.entry(detour2, 2), Map.entry(top, 2));
        assertThat(nodeIds(impacted)).doesNotHaveDuplicates().doesNotContain(bottom);
        assertThat(node(impacted, top).get("via").asString()).isIn(left, right);

        var dependencies = impact(top, "dependencies");
        assertThat(depths(dependencies)).containsOnly(Map.entry(left, 1), Map.entry(right, 1), Map.entry(detour2, 1),
                Map.entry(detour1, 2), Map.entry(bottom, 2));
        assertThat(node(dependencies, bottom).get("via").asString()).isIn(left, right);
    }

    @Test
    void aCycleEndsTheWalkAndListsEachCiOnce() {
        var a = api.createCi("application", unique("a"));
        var b = api.createCi("application", unique("b"));
        var c = api.createCi("application", unique("c"));
        var outside = api.createCi("business_service", unique("svc"));
        api.relate(a, "depends_on", b);
        api.relate(b, "depends_on", c);
        api.relate(c, "depends_on", a);
        api.relate(b, "runs_on", a);
        api.relate(c, "part_of", outside);

        var impacted = impact(a, "impacted");
        assertThat(depths(impacted)).containsOnly(Map.entry(c, 1), Map.entry(b, 1), Map.entry(outside, 2));
        assertThat(nodeIds(impacted)).doesNotHaveDuplicates().doesNotContain(a);

        var dependencies = impact(a, "dependencies");
        assertThat(depths(dependencies)).containsOnly(Map.entry(b, 1), Map.entry(c, 2));
        assertThat(nodeIds(dependencies)).doesNotHaveDuplicates().doesNotContain(a);

        var withEdges = impact(b, "impacted", "&edges=true");
        assertThat(depths(withEdges)).containsOnly(Map.entry(a, 1), Map.entry(c, 2), Map.entry(outside, 3));
        // Edges back into the root belong to the subgraph too: they are how the cycle closes.
        assertThat(edges(withEdges)).containsExactlyInAnyOrder(b + ">" + a + " depends_on", a + ">" + c + " depends_on",
                a + ">" + b + " runs_on", c + ">" + b + " depends_on", c + ">" + outside + " part_of");
    }

    @Test
    void maxDepthLeavesOutWhatIsFurtherAway() {
        var chain = chain(5);

        var limited = impact(chain.getFirst(), "impacted", "&maxDepth=2");
        assertThat(depths(limited)).containsExactly(Map.entry(chain.get(1), 1), Map.entry(chain.get(2), 2));

        var one = impact(chain.getLast(), "dependencies", "&maxDepth=1");
        assertThat(depths(one)).containsExactly(Map.entry(chain.get(3), 1));

        assertThat(depths(impact(chain.getFirst(), "impacted", "&maxDepth=0"))).hasSize(4);
    }

    @Test
    void returnsTheSubgraphsEdgesOnlyWhenAsked() {
        var bottom = api.createCi("server", unique("bottom"));
        var left = api.createCi("virtual_machine", unique("left"));
        var right = api.createCi("virtual_machine", unique("right"));
        var top = api.createCi("application", unique("top"));
        var far = api.createCi("business_service", unique("far"));
        api.relate(left, "runs_on", bottom);
        api.relate(right, "runs_on", bottom);
        api.relate(top, "runs_on", left);
        api.relate(top, "runs_on", right);
        api.relate(top, "part_of", far);

        assertThat(impact(bottom, "impacted").get("edges")).isEmpty();

        var all = impact(bottom, "impacted", "&edges=true");
        assertThat(edges(all)).containsExactlyInAnyOrder(bottom + ">" + left + " runs_on",
                bottom + ">" + right + " runs_on", left + ">" + top + " runs_on", right + ">" + top + " runs_on",
                top + ">" + far + " part_of");

        var near = impact(bottom, "impacted", "&edges=true&maxDepth=1");
        assertThat(edges(near)).containsExactlyInAnyOrder(bottom + ">" + left + " runs_on",
                bottom + ">" + right + " runs_on");

        var needs = impact(top, "dependencies", "&edges=true");
        assertThat(edges(needs)).containsExactlyInAnyOrder(top + ">" + left + " runs_on", top + ">" + right + " runs_on",
                left + ">" + bottom + " runs_on", right + ">" + bottom + " runs_on");
    }

    @Test
    void walksADeepChainOfTwoThousandCis() {
        int length = 2000;
        var prefix = unique("deep");
        var cis = new StringBuilder("class,name\n");
        IntStream.range(0, length).forEach(i -> cis.append("server,").append(prefix).append("-").append(i).append('\n'));
        var links = new StringBuilder("source_class,source_name,type,target_class,target_name\n");
        IntStream.range(1, length).forEach(i -> links.append("server,").append(prefix).append("-").append(i)
                .append(",depends_on,server,").append(prefix).append("-").append(i - 1).append('\n'));
        assertThat(api.imported("text/csv", cis.toString()).get("cisCreated").asInt()).isEqualTo(length);
        assertThat(api.imported("text/csv", links.toString()).get("relationshipsCreated").asInt()).isEqualTo(length - 1);
        var first = api.ciNamed("server", prefix + "-0").get("id").asString();
        var last = api.ciNamed("server", prefix + "-" + (length - 1)).get("id").asString();

        var impacted = impact(first, "impacted");
        assertThat(impacted.get("nodes")).hasSize(length - 1);
        assertThat(nodeIds(impacted)).doesNotHaveDuplicates();
        assertThat(impacted.get("nodes").get(length - 2).get("depth").asInt()).isEqualTo(length - 1);
        assertThat(impacted.get("nodes").get(length - 2).get("ci").get("id").asString()).isEqualTo(last);
        var names = impacted.get("nodes").valueStream().map(n -> n.get("ci").get("name").asString()).toList();
        assertThat(names).containsExactlyElementsOf(
                IntStream.range(1, length).mapToObj(i -> prefix + "-" + i).toList());

        var dependencies = impact(last, "dependencies");
        assertThat(dependencies.get("nodes")).hasSize(length - 1);
        assertThat(dependencies.get("nodes").get(length - 2).get("ci").get("id").asString()).isEqualTo(first);
        assertThat(dependencies.get("nodes").get(length - 2).get("depth").asInt()).isEqualTo(length - 1);
    }

    @Test
    void answersNotFoundForAnUnknownCi() {
        var result = api.get("/api/v1/cis/" + java.util.UUID.randomUUID() + "/impact");

        assertThat(result).hasStatus(404);
        assertThat(api.body(result).get("type").asString()).isEqualTo("urn:opsline:problem:not-found");
    }

    @Test
    void refusesAnUnknownDirection() {
        var ci = api.createCi("server", unique("host"));

        var result = api.get("/api/v1/cis/" + ci + "/impact?direction=sideways");

        assertThat(result).hasStatus(422);
        assertThat(InventoryClient.fields(api.body(result))).containsExactly("direction");
        assertThat(api.get("/api/v1/cis/" + ci + "/impact?direction=DEPENDENCIES")).hasStatusOk();
    }

    private List<String> chain(int length) {
        var ids = IntStream.range(0, length).mapToObj(i -> api.createCi("server", unique("link" + i))).toList();
        for (int i = 1; i < length; i++) {
            api.relate(ids.get(i), "depends_on", ids.get(i - 1));
        }
        return ids;
    }

    private JsonNode impact(String id, String direction) {
        return impact(id, direction, "");
    }

    private JsonNode impact(String id, String direction, String more) {
        var result = api.get("/api/v1/cis/" + id + "/impact?direction=" + direction + more);
        assertThat(result).hasStatusOk();
        return api.body(result);
    }

    /** Reached CIs by id with their depth, in the answer's order. */
    private static Map<String, Integer> depths(JsonNode result) {
        var depths = new java.util.LinkedHashMap<String, Integer>();
        result.get("nodes").forEach(n -> depths.put(n.get("ci").get("id").asString(), n.get("depth").asInt()));
        return depths;
    }

    private static List<String> nodeIds(JsonNode result) {
        return result.get("nodes").valueStream().map(n -> n.get("ci").get("id").asString()).toList();
    }

    private static JsonNode node(JsonNode result, String id) {
        return result.get("nodes").valueStream().filter(n -> n.get("ci").get("id").asString().equals(id)).findFirst()
                .orElseThrow();
    }

    private static List<String> ids(JsonNode refs) {
        return refs.valueStream().map(r -> r.get("id").asString()).toList();
    }

    private static List<String> edges(JsonNode result) {
        return result.get("edges").valueStream().map(e -> e.get("from").asString() + ">" + e.get("to").asString() + " "
                + e.get("type").asString()).toList();
    }

}
