package io.opsline.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.inventory.RelationshipType;
import io.opsline.platform.FieldViolation;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class DocumentTransferTest {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void readsCisAndRelationshipsFromYaml() {
        var document = read(YAML, """
                cis:
                  - externalId: cmdb-1
                    class: server
                    name: web01
                    tags: [linux, web]
                    addresses:
                      - 10.0.0.1
                    attributes:
                      os: debian
                      cpus: 8
                    lifecycle:
                      vendor: Dell
                      purchaseDate: 2024-01-31
                      purchaseCost: 1200.50
                  - class: application
                    name: shop
                relationships:
                  - source: {class: application, name: shop}
                    type: runs_on
                    target: {externalId: cmdb-1}
                """);

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis()).extracting(CiRow::row).containsExactly(1, 2);
        var server = document.cis().getFirst();
        assertThat(server.values()).containsEntry(CiField.EXTERNAL_ID, "cmdb-1").containsEntry(CiField.CLASS, "server")
                .containsEntry(CiField.NAME, "web01").containsEntry(CiField.TAGS, List.of("linux", "web"))
                .containsEntry(CiField.ADDRESSES, List.of("10.0.0.1")).containsEntry(CiField.VENDOR, "Dell")
                .containsEntry(CiField.PURCHASE_DATE, "2024-01-31");
        assertThat(new BigDecimal(server.text(CiField.PURCHASE_COST))).isEqualByComparingTo("1200.50");
        assertThat(server.attributes()).containsExactly(Map.entry("os", "debian"), Map.entry("cpus", "8"));
        var relationship = document.relationships().getFirst();
        assertThat(relationship.row()).isEqualTo(1);
        assertThat(relationship.source()).isEqualTo(new RelationshipRow.End(null, "application", "shop"));
        assertThat(relationship.type()).isEqualTo("runs_on");
        assertThat(relationship.target()).isEqualTo(new RelationshipRow.End("cmdb-1", null, null));
    }

    @Test
    void readsTheSameDocumentFromJson() {
        var document = read(JSON, """
                {"cis": [{"class": "database", "name": "orders", "status": "planned", "tags": ["pg"],
                          "lifecycle": {"endOfLife": "2030-01-01"}}],
                 "relationships": [{"source": {"class": "database", "name": "orders"}, "type": "depends_on",
                                    "target": {"class": "server", "name": "db01"}}]}
                """);

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis().getFirst().values()).containsOnly(Map.entry(CiField.CLASS, "database"),
                Map.entry(CiField.NAME, "orders"), Map.entry(CiField.STATUS, "planned"),
                Map.entry(CiField.TAGS, List.of("pg")), Map.entry(CiField.END_OF_LIFE, "2030-01-01"));
        assertThat(document.relationships().getFirst().target())
                .isEqualTo(new RelationshipRow.End(null, "server", "db01"));
    }

    @Test
    void leavesOutAbsentKeysAndKeepsExplicitNullsAsClearing() {
        var row = read(YAML, """
                cis:
                  - class: server
                    name: web01
                    location: null
                    tags: null
                    attributes: {rack: null, os: ""}
                """).cis().getFirst();

        assertThat(row.has(CiField.LOCATION)).isTrue();
        assertThat(row.text(CiField.LOCATION)).isNull();
        assertThat(row.has(CiField.TAGS)).isTrue();
        assertThat(row.values().get(CiField.TAGS)).isNull();
        assertThat(row.has(CiField.DESCRIPTION)).isFalse();
        assertThat(row.attributes()).containsOnlyKeys("rack", "os");
    }

    @Test
    void acceptsASingleValueWhereAListIsExpected() {
        var row = read(YAML, "cis:\n  - {class: server, name: web01, tags: linux, addresses: 10.0.0.1}\n").cis()
                .getFirst();

        assertThat(row.values()).containsEntry(CiField.TAGS, List.of("linux"))
                .containsEntry(CiField.ADDRESSES, List.of("10.0.0.1"));
    }

    @Test
    void ignoresTheReadOnlyFieldsOfAnApiAnswerSoItCanBeImported() {
        var document = read(JSON, """
                {"cis": [{"id": "3f8e8a52-8d8c-4a59-9f51-0a4d4b0c7a11", "externalId": null, "class": "server",
                          "name": "web01", "status": "active", "environment": "production", "criticality": "medium",
                          "ownerTeam": null, "ownerTeamId": null, "location": null, "description": null, "tags": [],
                          "addresses": [], "attributes": {}, "lifecycle": {"vendor": null, "model": null,
                          "serialNumber": null, "purchaseDate": null, "purchaseCost": null, "warrantyEnd": null,
                          "endOfLife": null}, "version": 4, "createdAt": "2026-01-01T00:00:00Z",
                          "updatedAt": "2026-01-02T00:00:00Z"}],
                 "relationships": [{"id": "7d0c6f43-0d0a-4c55-9a68-2bb1b2f0a0b1", "createdAt": "2026-01-01T00:00:00Z",
                                    "source": {"class": "server", "name": "web01"}, "type": "runs_on",
                                    "target": {"class": "server", "name": "web02"}}]}
                """);

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis().getFirst().text(CiField.NAME)).isEqualTo("web01");
    }

    @Test
    void refusesUnknownSectionsAndFieldsNamingEach() {
        var document = read(YAML, """
                servers: []
                cis:
                  - class: server
                    name: web01
                    colour: red
                    lifecycle: {vendor: Dell, colour: red}
                relationships:
                  - source: {class: server, name: web01}
                    type: runs_on
                    target: {class: server, name: web02}
                    weight: 3
                """);

        assertThat(document.errors()).extracting(FieldViolation::row, FieldViolation::field).containsExactly(
                tuple(null, "servers"), tuple(1, "cis.colour"), tuple(1, "cis.lifecycle.colour"),
                tuple(1, "relationships.weight"));
    }

    @Test
    void refusesValuesOfTheWrongShapeNamingEach() {
        var document = read(YAML, """
                cis:
                  - class: server
                    name: [web01]
                    tags: {a: 1}
                    attributes: [os]
                    lifecycle: Dell
                  - just a name
                relationships:
                  - source: web01
                    type: {key: runs_on}
                    target: {class: server, name: [web02]}
                  - runs_on
                """);

        assertThat(document.errors()).extracting(FieldViolation::row, FieldViolation::field).containsExactly(
                tuple(1, "cis.name"), tuple(1, "cis.tags"), tuple(1, "cis.attributes"), tuple(1, "cis.lifecycle"),
                tuple(2, "cis"), tuple(1, "relationships.source"), tuple(1, "relationships.type"),
                tuple(1, "relationships.target.name"), tuple(2, "relationships"));
        assertThat(document.cis()).hasSize(2);
        assertThat(document.relationships()).hasSize(2);
    }

    @Test
    void refusesSectionsThatAreNotLists() {
        var document = read(JSON, "{\"cis\": {\"class\": \"server\"}, \"relationships\": \"none\"}");

        assertThat(document.errors()).extracting(FieldViolation::field).containsExactly("cis", "relationships");
    }

    @Test
    void refusesADocumentThatIsNotAMap() {
        assertThat(read(YAML, "- class: server\n").errors()).extracting(FieldViolation::field).containsExactly("file");
        assertThat(read(JSON, "[]").errors()).extracting(FieldViolation::field).containsExactly("file");
    }

    @Test
    void refusesAnEmptyDocument() {
        assertThat(read(YAML, "").errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("the document is empty"));
        assertThat(read(JSON, "  ").errors()).extracting(FieldViolation::field).containsExactly("file");
    }

    @Test
    void reportsUnparseableYamlAsAFileErrorWithItsLine() {
        var document = read(YAML, "cis:\n  - class: server\n    name: \"web01\n  - class: [\n");

        assertThat(document.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.row()).isNotNull().isPositive();
            assertThat(e.message()).startsWith("not a readable document at line ");
        });
        assertThat(document.cis()).isEmpty();
    }

    @Test
    void reportsUnparseableJsonAsAFileError() {
        var document = read(JSON, "{\"cis\": [{\"class\": \"server\",}");

        assertThat(document.errors()).extracting(FieldViolation::field).containsExactly("file");
    }

    @Test
    void writesCisAndRelationshipsThatReadBackAsTheSameFields() {
        var ci = new CiView(UUID.randomUUID(), "cmdb-1", CiClass.SERVER, "web01", CiStatus.ACTIVE,
                Environment.PRODUCTION, Criticality.HIGH, "ops", UUID.randomUUID(), null, "two\nlines",
                List.of("linux"), List.of("10.0.0.1"), new TreeMap<>(Map.of("kernel", "6.10", "build", "2e5")),
                new Lifecycle("Dell", null, null, LocalDate.of(2024, 1, 31), new BigDecimal("1200.50"), null, null), 0,
                Instant.now(), Instant.now());
        var relationship = new RelationshipExport(ci.id(), CiClass.SERVER, "web01", "cmdb-1",
                RelationshipType.CONNECTED_TO, UUID.randomUUID(), CiClass.NETWORK_DEVICE, "sw1", null);
        for (var mapper : List.of(JSON, YAML)) {
            var output = new ByteArrayOutputStream();
            DocumentTransfer.write(mapper, output, sink -> sink.accept(ci), sink -> sink.accept(relationship));

            var document = DocumentTransfer.read(mapper, new ByteArrayInputStream(output.toByteArray()));

            assertThat(document.errors()).isEmpty();
            var row = document.cis().getFirst();
            assertThat(row.values()).containsOnly(Map.entry(CiField.EXTERNAL_ID, "cmdb-1"),
                    Map.entry(CiField.CLASS, "server"), Map.entry(CiField.NAME, "web01"),
                    Map.entry(CiField.STATUS, "active"), Map.entry(CiField.ENVIRONMENT, "production"),
                    Map.entry(CiField.CRITICALITY, "high"), Map.entry(CiField.OWNER_TEAM, "ops"),
                    Map.entry(CiField.DESCRIPTION, "two\nlines"), Map.entry(CiField.TAGS, List.of("linux")),
                    Map.entry(CiField.ADDRESSES, List.of("10.0.0.1")), Map.entry(CiField.VENDOR, "Dell"),
                    Map.entry(CiField.PURCHASE_DATE, "2024-01-31"), Map.entry(CiField.PURCHASE_COST, "1200.50"));
            assertThat(row.attributes()).containsOnly(Map.entry("kernel", "6.10"), Map.entry("build", "2e5"));
            var read = document.relationships().getFirst();
            assertThat(read.source()).isEqualTo(new RelationshipRow.End(null, "server", "web01"));
            assertThat(read.type()).isEqualTo("connected_to");
            assertThat(read.target()).isEqualTo(new RelationshipRow.End(null, "network_device", "sw1"));
        }
    }

    private static ImportDocument read(ObjectMapper mapper, String text) {
        return DocumentTransfer.read(mapper, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
