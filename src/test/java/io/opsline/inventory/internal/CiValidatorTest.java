package io.opsline.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.platform.FieldViolation;

class CiValidatorTest {

    private static final UUID OPS_TEAM = UUID.randomUUID();

    @Test
    void fillsDefaultsForEverythingNotGiven() {
        var content = valid(server("web01"));

        assertThat(content.ciClass()).isEqualTo(CiClass.SERVER);
        assertThat(content.name()).isEqualTo("web01");
        assertThat(content.status()).isEqualTo(CiStatus.ACTIVE);
        assertThat(content.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(content.criticality()).isEqualTo(Criticality.MEDIUM);
        assertThat(content.externalId()).isNull();
        assertThat(content.ownerTeamId()).isNull();
        assertThat(content.location()).isNull();
        assertThat(content.description()).isNull();
        assertThat(content.tags()).isEmpty();
        assertThat(content.addresses()).isEmpty();
        assertThat(content.attributes()).isEmpty();
        assertThat(content.lifecycle()).isEqualTo(Lifecycle.EMPTY);
    }

    @Test
    void trimsTextAndTreatsBlankTextAsAbsent() {
        var content = valid(server("  web01\t").with(b -> {
            b.location = "   ";
            b.description = "  racked in DC1  ";
            b.status = " ";
        }));

        assertThat(content.name()).isEqualTo("web01");
        assertThat(content.location()).isNull();
        assertThat(content.description()).isEqualTo("racked in DC1");
        assertThat(content.status()).isEqualTo(CiStatus.ACTIVE);
    }

    @Test
    void acceptsChoicesByKeyOrConstantNameInAnyCase() {
        var content = valid(new Input("VIRTUAL_MACHINE", "vm1").with(b -> {
            b.status = "Retired";
            b.environment = "STAGING";
            b.criticality = "high";
        }));

        assertThat(content.ciClass()).isEqualTo(CiClass.VIRTUAL_MACHINE);
        assertThat(content.status()).isEqualTo(CiStatus.RETIRED);
        assertThat(content.environment()).isEqualTo(Environment.STAGING);
        assertThat(content.criticality()).isEqualTo(Criticality.HIGH);
        assertThat(valid(new Input("business_service", "shop")).ciClass()).isEqualTo(CiClass.BUSINESS_SERVICE);
    }

    @Test
    void lowerCasesSortsAndDeduplicatesTags() {
        var content = valid(server("web01").with(b -> b.tags = Arrays.asList("Web", "linux", "WEB", " db ", "", null,
                "pci:scope")));

        assertThat(content.tags()).containsExactly("db", "linux", "pci:scope", "web");
    }

    @Test
    void lowerCasesSortsAndDeduplicatesAddresses() {
        var content = valid(server("web01").with(b -> b.addresses = Arrays.asList("WEB01.Example.COM", "10.0.0.2",
                " 10.0.0.1 ", "web01.example.com", "", "FE80::1")));

        assertThat(content.addresses()).containsExactly("10.0.0.1", "10.0.0.2", "fe80::1", "web01.example.com");
    }

    @Test
    void keepsCostsAtExactlyTwoDecimals() {
        assertThat(cost("1200.5")).isEqualTo(new BigDecimal("1200.50"));
        assertThat(cost("12.340")).isEqualTo(new BigDecimal("12.34"));
        assertThat(cost("0")).isEqualTo(new BigDecimal("0.00"));
        assertThat(cost(" 7 ")).isEqualTo(new BigDecimal("7.00"));
        assertThat(cost("999999999999.99")).isEqualTo(new BigDecimal("999999999999.99"));
        assertThat(cost("1e3")).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void refusesCostsThatAreNegativeTooLargeTooPreciseOrNotNumbers() {
        for (var bad : List.of("-0.01", "1000000000000", "12.345", "12,50", "cheap")) {
            var result = validate(server("web01").with(b -> b.purchaseCost = bad));
            assertThat(fields(result)).as(bad).containsExactly("lifecycle.purchaseCost");
        }
    }

    @Test
    void parsesLifecycleDatesAndChecksTheirOrder() {
        var content = valid(server("web01").with(b -> {
            b.purchaseDate = "2024-02-29";
            b.warrantyEnd = "2027-02-28";
            b.endOfLife = "2030-01-01";
            b.vendor = " Dell ";
        }));
        assertThat(content.lifecycle()).isEqualTo(new Lifecycle("Dell", null, null, LocalDate.of(2024, 2, 29), null,
                LocalDate.of(2027, 2, 28), LocalDate.of(2030, 1, 1)));

        var reversed = validate(server("web01").with(b -> {
            b.purchaseDate = "2024-02-01";
            b.warrantyEnd = "2024-01-31";
            b.endOfLife = "2023-12-31";
        }));
        assertThat(fields(reversed)).containsExactly("lifecycle.warrantyEnd", "lifecycle.endOfLife");

        var impossible = validate(server("web01").with(b -> {
            b.purchaseDate = "2023-02-29";
            b.warrantyEnd = "31.01.2027";
            b.endOfLife = "2030-13-01";
        }));
        assertThat(fields(impossible)).containsExactly("lifecycle.purchaseDate", "lifecycle.warrantyEnd",
                "lifecycle.endOfLife");
    }

    @Test
    void resolvesTheOwnerTeamThroughTheGivenLookup() {
        assertThat(valid(server("web01").with(b -> b.ownerTeam = " ops ")).ownerTeamId()).isEqualTo(OPS_TEAM);

        var unknown = validate(server("web01").with(b -> b.ownerTeam = "nobody"));
        assertThat(unknown.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("ownerTeam");
            assertThat(v.message()).contains("nobody");
        });
    }

    @Test
    void keepsAttributesSortedByNameAndDropsBlankValues() {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put("os", " debian ");
        attributes.put("CPU.count", "8");
        attributes.put("rack", " ");
        attributes.put("note", null);
        var content = valid(server("web01").with(b -> b.attributes = attributes));

        assertThat(content.attributes()).containsExactly(Map.entry("CPU.count", "8"), Map.entry("os", "debian"));
    }

    @Test
    void requiresClassAndName() {
        var result = validate(new Input(null, " "));

        assertThat(fields(result)).containsExactly("class", "name");
        assertThat(result.content()).isNull();
    }

    @Test
    void refusesAddressesOnABusinessService() {
        var result = validate(new Input("business_service", "shop").with(b -> b.addresses = List.of("10.0.0.1")));

        assertThat(fields(result)).containsExactly("addresses");
        assertThat(valid(new Input("business_service", "shop")).addresses()).isEmpty();
    }

    @Test
    void limitsHowManyTagsAddressesAndAttributesOneItemHas() {
        var tags = IntStream.rangeClosed(1, CiValidator.MAX_TAGS + 1).mapToObj(i -> "t" + i).toList();
        var addresses = IntStream.rangeClosed(1, CiValidator.MAX_ADDRESSES + 1).mapToObj(i -> "10.0.0." + i).toList();
        var attributes = new LinkedHashMap<String, String>();
        IntStream.rangeClosed(1, CiValidator.MAX_ATTRIBUTES + 1).forEach(i -> attributes.put("a" + i, "v"));

        var result = validate(server("web01").with(b -> {
            b.tags = tags;
            b.addresses = addresses;
            b.attributes = attributes;
        }));

        assertThat(fields(result)).containsExactly("tags", "addresses", "attributes");
        var atTheLimit = valid(server("web01").with(b -> {
            b.tags = tags.subList(0, CiValidator.MAX_TAGS);
            b.addresses = addresses.subList(0, CiValidator.MAX_ADDRESSES);
        }));
        assertThat(atTheLimit.tags()).hasSize(CiValidator.MAX_TAGS);
        assertThat(atTheLimit.addresses()).hasSize(CiValidator.MAX_ADDRESSES);
    }

    @Test
    void reportsEveryViolationWithItsField() {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put("bad key", "x");
        attributes.put("long", "x".repeat(2001));
        var result = validate(new Input("mainframe", "n".repeat(201)).with(b -> {
            b.externalId = "e".repeat(201);
            b.status = "broken";
            b.environment = "prod";
            b.criticality = "extreme";
            b.ownerTeam = "nobody";
            b.location = "l".repeat(201);
            b.description = "bell\u0007";
            b.tags = List.of("has space");
            b.addresses = List.of("300.1.1.1");
            b.attributes = attributes;
            b.vendor = "v".repeat(201);
            b.purchaseDate = "yesterday";
            b.purchaseCost = "-5";
        }));

        assertThat(fields(result)).containsExactlyInAnyOrder("externalId", "class", "name", "status", "environment",
                "criticality", "ownerTeam", "location", "description", "tags", "addresses", "attributes",
                "attributes.long", "lifecycle.vendor", "lifecycle.purchaseDate", "lifecycle.purchaseCost");
        assertThat(result.violations()).allSatisfy(v -> {
            assertThat(v.row()).isNull();
            assertThat(v.message()).isNotBlank();
        });
        assertThat(message(result, "class")).contains("mainframe").contains("server");
        assertThat(message(result, "tags")).contains("has space");
        assertThat(message(result, "addresses")).contains("300.1.1.1");
    }

    @Test
    void abbreviatesLongValuesInMessages() {
        var result = validate(server("web01").with(b -> b.tags = List.of("x y".repeat(100))));

        assertThat(message(result, "tags")).contains("…").hasSizeLessThan(200);
    }

    private static BigDecimal cost(String text) {
        var cost = valid(server("web01").with(b -> b.purchaseCost = text)).lifecycle().purchaseCost();
        assertThat(cost.scale()).isEqualTo(2);
        return cost;
    }

    private static CiContent valid(Input input) {
        var result = validate(input);
        assertThat(result.violations()).isEmpty();
        assertThat(result.valid()).isTrue();
        return result.content();
    }

    private static CiValidator.Result validate(Input input) {
        return CiValidator.validate(input.build(),
                ref -> ref.strip().equalsIgnoreCase("ops") ? Optional.of(OPS_TEAM) : Optional.empty());
    }

    private static List<String> fields(CiValidator.Result result) {
        return result.violations().stream().map(FieldViolation::field).toList();
    }

    private static String message(CiValidator.Result result, String field) {
        return result.violations().stream().filter(v -> v.field().equals(field)).map(FieldViolation::message)
                .findFirst().orElseThrow();
    }

    private static Input server(String name) {
        return new Input("server", name);
    }

    /** A CI as a client might send it; every field text, as in {@link CiInput}. */
    static final class Input {
        String externalId;
        String ciClass;
        String name;
        String status;
        String environment;
        String criticality;
        String ownerTeam;
        String location;
        String description;
        List<String> tags;
        List<String> addresses;
        Map<String, String> attributes;
        String vendor;
        String model;
        String serialNumber;
        String purchaseDate;
        String purchaseCost;
        String warrantyEnd;
        String endOfLife;

        Input(String ciClass, String name) {
            this.ciClass = ciClass;
            this.name = name;
        }

        Input with(java.util.function.Consumer<Input> change) {
            change.accept(this);
            return this;
        }

        CiInput build() {
            var lifecycle = vendor == null && model == null && serialNumber == null && purchaseDate == null
                    && purchaseCost == null && warrantyEnd == null && endOfLife == null ? null
                    : new CiInput.LifecycleInput(vendor, model, serialNumber, purchaseDate, purchaseCost, warrantyEnd,
                            endOfLife);
            return new CiInput(externalId, ciClass, name, status, environment, criticality, ownerTeam, location,
                    description, tags == null ? null : new ArrayList<>(tags), addresses, attributes, lifecycle, null);
        }
    }
}
