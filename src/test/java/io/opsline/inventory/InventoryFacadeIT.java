package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** What the inventory tells other modules about how CIs carry each other and how they are tagged. */
@OpslineIntegrationTest
class InventoryFacadeIT {

    @Autowired
    Inventory inventory;
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

    private UUID ci(String ciClass, String name) {
        return UUID.fromString(api.createCi(ciClass, unique(name)));
    }

    @Test
    void dependentsAreWhatRunsOnOrConnectsToACiThroughAnyNumberOfSteps() {
        var core = ci("network_device", "core");
        var edge = ci("network_device", "edge");
        var host = ci("server", "host");
        var vm = ci("virtual_machine", "vm");
        var app = ci("application", "app");
        var user = ci("application", "portal");
        api.relate(edge.toString(), "connected_to", core.toString());
        // Switches cabled to each other both ways: the walk must not go round in circles.
        api.relate(core.toString(), "connected_to", edge.toString());
        api.relate(host.toString(), "connected_to", edge.toString());
        api.relate(vm.toString(), "runs_on", host.toString());
        api.relate(app.toString(), "runs_on", vm.toString());
        api.relate(user.toString(), "depends_on", app.toString());

        assertThat(inventory.dependents(core)).containsExactlyInAnyOrder(edge, host, vm, app);
        assertThat(inventory.dependents(vm)).containsExactly(app);
        assertThat(inventory.dependents(app)).isEmpty();
        assertThat(inventory.parents(app)).containsExactlyInAnyOrder(vm, host, edge, core);
        assertThat(inventory.parents(user)).as("depending on an application is not running on it").isEmpty();
        assertThat(inventory.dependents(UUID.randomUUID())).isEmpty();
    }

    @Test
    void findsEveryCiCarryingATag() {
        var tag = unique("rack");
        var a = UUID.fromString(api.createCi(Map.of("class", "server", "name", unique("a"), "tags", List.of(tag))));
        var b = UUID.fromString(api.createCi(Map.of("class", "server", "name", unique("b"), "tags", List.of(tag, "x"))));
        api.createCi(Map.of("class", "server", "name", unique("c"), "tags", List.of("x")));
        assertThat(inventory.taggedWith(tag)).containsExactlyInAnyOrder(a, b);
        assertThat(inventory.taggedWith(tag.toUpperCase())).containsExactlyInAnyOrder(a, b);
        assertThat(inventory.taggedWith(unique("none"))).isEmpty();
    }
}
