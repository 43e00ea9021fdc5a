package io.opsline.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CiRowTest {

    private static final CiInput STORED = new CiInput("cmdb-1", "server", "web01", "active", "production", "high",
            "ops", "DC1", "the web server", List.of("linux", "web"), List.of("10.0.0.1"),
            Map.of("os", "debian", "rack", "r4"),
            new CiInput.LifecycleInput("Dell", "R640", "SN1", "2024-01-31", "1200.50", "2027-01-31", null), 7L);

    @Test
    void keepsEveryFieldTheRowDoesNotMention() {
        var merged = row(Map.of(CiField.CLASS, "server", CiField.NAME, "web01", CiField.STATUS, "retired"), Map.of())
                .over(STORED);

        assertThat(merged).isEqualTo(new CiInput("cmdb-1", "server", "web01", "retired", "production", "high", "ops",
                "DC1", "the web server", List.of("linux", "web"), List.of("10.0.0.1"),
                Map.of("os", "debian", "rack", "r4"), STORED.lifecycle(), 7L));
    }

    @Test
    void clearsAFieldTheRowGivesWithoutAValue() {
        var values = new HashMap<CiField, Object>();
        values.put(CiField.LOCATION, null);
        values.put(CiField.TAGS, null);
        values.put(CiField.EXTERNAL_ID, null);
        values.put(CiField.WARRANTY_END, null);

        var merged = row(values, Map.of()).over(STORED);

        assertThat(merged.location()).isNull();
        assertThat(merged.tags()).isEmpty();
        assertThat(merged.externalId()).isNull();
        assertThat(merged.lifecycle().warrantyEnd()).isNull();
        assertThat(merged.addresses()).containsExactly("10.0.0.1");
        assertThat(merged.lifecycle().vendor()).isEqualTo("Dell");
    }

    @Test
    void replacesListsWhole() {
        var merged = row(Map.of(CiField.TAGS, List.of("db"), CiField.ADDRESSES, List.of()), Map.of()).over(STORED);

        assertThat(merged.tags()).containsExactly("db");
        assertThat(merged.addresses()).isEmpty();
    }

    @Test
    void replacesLifecycleFieldsOneByOne() {
        var merged = row(Map.of(CiField.MODEL, "R650", CiField.END_OF_LIFE, "2031-12-31"), Map.of()).over(STORED);

        assertThat(merged.lifecycle()).isEqualTo(
                new CiInput.LifecycleInput("Dell", "R650", "SN1", "2024-01-31", "1200.50", "2027-01-31", "2031-12-31"));
    }

    @Test
    void mergesAttributesByNameRemovingThoseGivenEmpty() {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put("os", "debian 12");
        attributes.put("rack", "");
        attributes.put("cpus", "8");
        attributes.put("gone", null);

        var merged = row(Map.of(), attributes).over(STORED);

        assertThat(merged.attributes()).containsOnly(Map.entry("os", "debian 12"), Map.entry("cpus", "8"));
    }

    @Test
    void buildsANewCiFromNothingButTheRow() {
        var empty = new CiInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        var merged = row(Map.of(CiField.CLASS, "database", CiField.NAME, "orders", CiField.VENDOR, "Oracle"),
                Map.of("engine", "pg")).over(empty);

        assertThat(merged).isEqualTo(new CiInput(null, "database", "orders", null, null, null, null, null, null, null,
                null, Map.of("engine", "pg"),
                new CiInput.LifecycleInput("Oracle", null, null, null, null, null, null), null));
    }

    @Test
    void doesNotShareStateWithTheMapsItWasMadeFrom() {
        var values = new HashMap<CiField, Object>(Map.of(CiField.NAME, "web01"));
        var attributes = new HashMap<String, String>(Map.of("os", "debian"));
        var row = row(values, attributes);

        values.put(CiField.LOCATION, "DC2");
        attributes.put("rack", "r9");

        assertThat(row.has(CiField.LOCATION)).isFalse();
        assertThat(row.attributes()).containsOnlyKeys("os");
    }

    private static CiRow row(Map<CiField, Object> values, Map<String, String> attributes) {
        return new CiRow(2, values, attributes);
    }
}
