package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** How an event that names a machine only by host name or IP address finds its CI. */
@OpslineIntegrationTest
class InventoryLookupIT {

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

    /** An address in 100.64.0.0/10 (shared address space), which no other test uses. */
    private static String ipv4() {
        var random = ThreadLocalRandom.current();
        return "100.%d.%d.%d".formatted(64 + random.nextInt(64), random.nextInt(256), 1 + random.nextInt(254));
    }

    /** The hex group that makes a test's 2001:db8 addresses its own. */
    private static String group() {
        return Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xf000));
    }

    private UUID ciIn(String status, String ciClass, String name, String... addresses) {
        return UUID.fromString(api.createCi(Map.of("class", ciClass, "name", name, "status", status, "addresses",
                List.of(addresses))));
    }

    private UUID ci(String ciClass, String name, String... addresses) {
        return ciIn("active", ciClass, name, addresses);
    }

    private static Optional<UUID> id(Optional<CiSummary> found) {
        return found.map(CiSummary::id);
    }

    @Test
    void findsTheCiWithAnIpv4Address() {
        var address = ipv4();
        var server = ci("server", unique("web"), ipv4(), address);

        assertThat(id(inventory.findByAddress(address))).hasValue(server);
        assertThat(id(inventory.findByAddress(" " + address + " "))).hasValue(server);
        assertThat(id(inventory.findByHostname(address))).as("an IP address given as host name").hasValue(server);
        assertThat(inventory.findByAddress(address).orElseThrow().ciClass()).isEqualTo(CiClass.SERVER);
    }

    @Test
    void findsAnIpv6AddressHoweverEitherSideWroteIt() {
        var g = group();
        var written = "2001:DB8:0:" + g + ":0:0:0:1";
        var vm = ci("virtual_machine", unique("vm"), written);

        for (var form : List.of("2001:db8:0:" + g + "::1", "2001:0DB8:0000:" + g + ":0000:0000:0000:0001",
                "[2001:db8:0:" + g + "::1]", written)) {
            assertThat(id(inventory.findByAddress(form))).as(form).hasValue(vm);
            assertThat(id(inventory.findByHostname(form))).as(form).hasValue(vm);
        }
        assertThat(inventory.findByAddress(written).orElseThrow().addresses())
                .as("the CI keeps the address as it was written").containsExactly(written.toLowerCase());
        assertThat(inventory.findByAddress("2001:db8:0:" + g + "::2")).isEmpty();

        var h = group();
        var compressed = ci("server", unique("host"), "2001:db8:" + h + "::a");
        assertThat(id(inventory.findByAddress("2001:db8:" + h + ":0:0:0:0:a"))).hasValue(compressed);
    }

    @Test
    void findsACiByItsNameIgnoringCase() {
        var name = unique("Web");
        var server = ci("server", name);

        assertThat(id(inventory.findByHostname(name))).hasValue(server);
        assertThat(id(inventory.findByHostname(name.toUpperCase()))).hasValue(server);
        assertThat(id(inventory.findByHostname(name.toLowerCase() + "."))).hasValue(server);
    }

    @Test
    void aFullyQualifiedNameFindsTheCiNamedByItsFirstLabel() {
        var name = unique("web");
        var server = ci("server", name);

        assertThat(id(inventory.findByHostname(name + ".example.com"))).hasValue(server);
        assertThat(id(inventory.findByHostname(name.toUpperCase() + ".Example.COM."))).hasValue(server);
        assertThat(inventory.findByHostname("x" + name + ".example.com")).isEmpty();
    }

    @Test
    void theWholeNameWinsOverTheFirstLabelWhateverTheClasses() {
        var name = unique("shop");
        ci("server", name);
        var application = ci("application", name + ".example.com");

        assertThat(id(inventory.findByHostname(name + ".example.com"))).hasValue(application);
        assertThat(inventory.findByHostname(name).orElseThrow().ciClass()).isEqualTo(CiClass.SERVER);
    }

    @Test
    void findsACiByAHostNameAmongItsAddresses() {
        var dnsName = unique("db") + ".example.com";
        var vm = ci("virtual_machine", unique("vm"), dnsName.toUpperCase());

        assertThat(id(inventory.findByHostname(dnsName))).hasValue(vm);
        assertThat(id(inventory.findByHostname(dnsName.toUpperCase() + "."))).hasValue(vm);
        assertThat(id(inventory.findByAddress(dnsName))).hasValue(vm);

        var shortName = unique("nas");
        var device = ci("network_device", unique("switch"), shortName);
        assertThat(id(inventory.findByHostname(shortName + ".example.com")))
                .as("the first label of a qualified name among the addresses").hasValue(device);
    }

    @Test
    void prefersActiveCisThenMachinesThenTheMostRecentlyChanged() {
        var address = ipv4();
        var plannedServer = ciIn("planned", "server", unique("next"), address);
        ciIn("retired", "server", unique("old"), address);
        assertThat(id(inventory.findByAddress(address))).as("planned before retired").hasValue(plannedServer);

        var application = ci("application", unique("app"), address);
        assertThat(id(inventory.findByAddress(address))).as("active before planned").hasValue(application);

        var vmName = unique("vm");
        var vm = ci("virtual_machine", vmName, address);
        ci("database", unique("db"), address);
        assertThat(id(inventory.findByAddress(address))).as("a machine before what runs on it").hasValue(vm);

        var server = ci("server", unique("host"), address);
        assertThat(id(inventory.findByAddress(address))).as("the machine changed last").hasValue(server);
        assertThat(api.put("/api/v1/cis/" + vm, Map.of("class", "virtual_machine", "name", vmName, "addresses",
                List.of(address), "description", "resized", "version", 0))).hasStatusOk();
        assertThat(id(inventory.findByAddress(address))).as("the machine changed last").hasValue(vm);

        assertThat(api.put("/api/v1/cis/" + vm, Map.of("class", "virtual_machine", "name", vmName, "status",
                "maintenance", "addresses", List.of(address), "version", 1))).hasStatusOk();
        assertThat(id(inventory.findByAddress(address))).as("active before under maintenance").hasValue(server);
    }

    @Test
    void prefersTheMachineAmongCisOfOneName() {
        var name = unique("billing");
        ci("application", name);
        var device = ci("network_device", name);
        ci("website", name);

        assertThat(id(inventory.findByHostname(name))).hasValue(device);
        assertThat(id(inventory.findByHostname(name + ".corp.example"))).hasValue(device);
    }

    @Test
    void findsNothingForUnknownNamesAndAddresses() {
        assertThat(inventory.findByAddress(ipv4())).isEmpty();
        assertThat(inventory.findByAddress("2001:db8:" + group() + "::" + group())).isEmpty();
        assertThat(inventory.findByHostname(unique("nowhere"))).isEmpty();
        assertThat(inventory.findByHostname(unique("nowhere") + ".example.com")).isEmpty();
        assertThat(inventory.findByAddress(unique("nowhere") + ".example.com")).isEmpty();
    }

    @Test
    void findsNothingForBlankOrAbsurdText() {
        var name = unique("web");
        var address = ipv4();
        ci("server", name, address);
        var absurd = new ArrayList<String>(List.of("", "   ", "\t", name + ":9100", address + ":9100", address + ".",
                address.substring(0, address.lastIndexOf('.')), "999.1.1.1", "not a host", "http://" + name,
                "2001:db8::1::2", "[" + name + "]", "[" + address + "]", ".", "..", "%", name + "';DROP TABLE ci",
                "a".repeat(100_000)));
        absurd.add(null);
        for (var text : absurd) {
            assertThat(inventory.findByAddress(text)).as("address %s", text).isEmpty();
            assertThat(inventory.findByHostname(text)).as("host name %s", text).isEmpty();
        }
    }

    @Test
    void aDeletedCiIsFoundNoMore() {
        var name = unique("gone");
        var address = ipv4();
        var server = ci("server", name, address);
        assertThat(id(inventory.findByAddress(address))).hasValue(server);
        assertThat(id(inventory.findByHostname(name))).hasValue(server);

        assertThat(api.delete("/api/v1/cis/" + server)).hasStatus(204);

        assertThat(inventory.findByAddress(address)).isEmpty();
        assertThat(inventory.findByHostname(name)).isEmpty();
        assertThat(inventory.findByHostname(name + ".example.com")).isEmpty();
    }
}
