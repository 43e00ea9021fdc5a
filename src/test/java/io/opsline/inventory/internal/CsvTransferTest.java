package io.opsline.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.inventory.RelationshipType;
import io.opsline.platform.FieldViolation;

class CsvTransferTest {

    @Test
    void readsCiRowsWithOneValuePerColumn() {
        var document = read("""
                external_id,class,name,status,owner_team,purchase_date,purchase_cost
                cmdb-1,server,web01,active,ops,2024-01-31,1200.50
                """);

        assertThat(document.errors()).isEmpty();
        assertThat(document.relationships()).isEmpty();
        var row = document.cis().getFirst();
        assertThat(row.row()).isEqualTo(2);
        assertThat(row.values()).containsOnly(Map.entry(CiField.EXTERNAL_ID, "cmdb-1"), Map.entry(CiField.CLASS, "server"),
                Map.entry(CiField.NAME, "web01"), Map.entry(CiField.STATUS, "active"),
                Map.entry(CiField.OWNER_TEAM, "ops"), Map.entry(CiField.PURCHASE_DATE, "2024-01-31"),
                Map.entry(CiField.PURCHASE_COST, "1200.50"));
    }

    @Test
    void matchesColumnNamesIgnoringCaseAndSurroundingSpaces() {
        var document = read(" Class , NAME ,Serial_Number\nserver,web01,SN1\n");

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis().getFirst().text(CiField.SERIAL_NUMBER)).isEqualTo("SN1");
    }

    @Test
    void leavesOutColumnsTheFileDoesNotHaveAndClearsEmptyCells() {
        var row = read("class,name,location,tags\nserver,web01,,\n").cis().getFirst();

        assertThat(row.has(CiField.LOCATION)).isTrue();
        assertThat(row.text(CiField.LOCATION)).isNull();
        assertThat(row.has(CiField.TAGS)).isTrue();
        assertThat(row.values().get(CiField.TAGS)).isNull();
        assertThat(row.has(CiField.STATUS)).isFalse();
        assertThat(row.has(CiField.DESCRIPTION)).isFalse();
    }

    @Test
    void splitsListsOnSemicolonsDroppingBlanks() {
        var row = read("class,name,tags,addresses\nserver,web01,\"linux; web;;\",10.0.0.1;web01.example.com\n")
                .cis().getFirst();

        assertThat(row.values().get(CiField.TAGS)).isEqualTo(List.of("linux", "web"));
        assertThat(row.values().get(CiField.ADDRESSES)).isEqualTo(List.of("10.0.0.1", "web01.example.com"));
    }

    @Test
    void readsAttributeColumnsAsAttributesAndAnEmptyCellAsRemoval() {
        var row = read("class,name,attr.os,attr.rack\nserver,web01,debian 12,\n").cis().getFirst();

        assertThat(row.attributes()).containsOnlyKeys("os", "rack").containsEntry("os", "debian 12");
        assertThat(row.attributes().get("rack")).isNull();
        assertThat(row.has(CiField.ATTRIBUTES)).isFalse();
    }

    @Test
    void keepsTheCaseOfAttributeNames() {
        var row = read("class,name,attr.OS,attr.cpuCount\nserver,web01,debian,8\n").cis().getFirst();

        assertThat(row.attributes()).containsOnlyKeys("OS", "cpuCount");
    }

    @Test
    void numbersRowsAsASpreadsheetShowsThemWithTheHeaderAsRowOne() {
        var document = read("""
                class,name,description
                server,a,one line
                server,b,"two
                lines"
                server,c,
                """);

        assertThat(document.cis()).extracting(CiRow::row).containsExactly(2, 3, 4);
    }

    @Test
    void countsBlankLinesAsRowsSoErrorsPointAtTheRightRow() {
        var document = read("class,name\nserver,a\n\nserver,b\r\n\r\nserver\n\n\n");

        assertThat(document.cis()).extracting(CiRow::row).containsExactly(2, 4);
        assertThat(document.errors()).containsExactly(new FieldViolation(6, "row", "has 1 cells, the header has 2"));
    }

    @Test
    void ignoresBlankLinesBeforeTheHeader() {
        var document = read("\n\r\nclass,name\nserver,a\n");

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis()).extracting(CiRow::row).containsExactly(2);
    }

    @Test
    void refusesUnknownColumnsAndRequiresClassAndName() {
        var document = read("colour,attr.,status\nred,x,active\n");

        assertThat(document.errors()).extracting(FieldViolation::row, FieldViolation::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "colour"),
                        org.assertj.core.groups.Tuple.tuple(1, "attr."),
                        org.assertj.core.groups.Tuple.tuple(1, "class"),
                        org.assertj.core.groups.Tuple.tuple(1, "name"));
        assertThat(document.errors().getFirst().message()).contains("unknown column").contains("external_id");
    }

    @Test
    void refusesRowsWithTheWrongNumberOfCellsNamingTheRow() {
        var document = read("class,name\nserver,a\nserver,b,extra\nserver,c\n");

        assertThat(document.cis()).extracting(CiRow::row).containsExactly(2, 4);
        assertThat(document.errors()).containsExactly(new FieldViolation(3, "row", "has 3 cells, the header has 2"));
    }

    @Test
    void skipsAByteOrderMarkBeforeTheHeader() {
        var document = read("\uFEFFclass,name\nserver,web01\n");

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis().getFirst().text(CiField.CLASS)).isEqualTo("server");
    }

    @Test
    void tellsAnEmptyFileApart() {
        assertThat(read("").errors()).extracting(FieldViolation::field).containsExactly("header");
    }

    @Test
    void reportsAFileThatIsNotCsvAsAFileError() {
        var document = read("class,name\nserver,\"web01\nserver,web02\n");

        assertThat(document.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.row()).isNull();
            assertThat(e.message()).startsWith("not readable as CSV");
        });
        assertThat(document.cis()).isEmpty();
    }

    @Test
    void recognisesARelationshipFileByItsTypeAndSourceColumns() {
        var document = read("""
                source_class,source_name,source_external_id,type,target_class,target_name,target_external_id
                application,shop,,depends_on,database,,cmdb-7
                """);

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis()).isEmpty();
        var row = document.relationships().getFirst();
        assertThat(row.row()).isEqualTo(2);
        assertThat(row.type()).isEqualTo("depends_on");
        assertThat(row.source()).isEqualTo(new RelationshipRow.End(null, "application", "shop"));
        assertThat(row.target()).isEqualTo(new RelationshipRow.End("cmdb-7", "database", null));
    }

    @Test
    void readsARelationshipFileWithOnlySomeEndColumns() {
        var document = read("source_external_id,type,target_external_id\na,runs_on,b\n");

        assertThat(document.errors()).isEmpty();
        assertThat(document.relationships().getFirst().source().externalId()).isEqualTo("a");
    }

    @Test
    void refusesUnknownColumnsInARelationshipFile() {
        var document = read("source_class,source_name,type,target_class,target_name,weight\nserver,a,runs_on,server,b,3\n");

        assertThat(document.errors()).extracting(FieldViolation::row, FieldViolation::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "weight"));
    }

    @Test
    void writesCisThatReadBackAsTheSameFields() throws Exception {
        var attributes = new TreeMap<String, String>(Map.of("OS", "debian", "note", "a, \"quoted\"\nsecond line"));
        var ci = new CiView(UUID.randomUUID(), "cmdb-1", CiClass.SERVER, "web01", CiStatus.MAINTENANCE,
                Environment.STAGING, Criticality.HIGH, "ops", UUID.randomUUID(), "DC1; rack 4", "line one\nline two",
                List.of("linux", "web"), List.of("10.0.0.1", "web01.example.com"), attributes,
                new Lifecycle("Dell", "R640", "SN1", LocalDate.of(2024, 1, 31), new BigDecimal("1200.50"), null, null),
                3, Instant.now(), Instant.now());
        var output = new StringWriter();

        CsvTransfer.writeCis(output, new TreeSet<>(List.of("OS", "note", "unused")), sink -> sink.accept(ci));
        var document = read(output.toString());

        assertThat(document.errors()).isEmpty();
        var row = document.cis().getFirst();
        assertThat(row.over(emptyInput())).isEqualTo(new CiInput("cmdb-1", "server", "web01", "maintenance", "staging",
                "high", "ops", "DC1; rack 4", "line one\nline two", List.of("linux", "web"),
                List.of("10.0.0.1", "web01.example.com"), Map.of("OS", "debian", "note", "a, \"quoted\"\nsecond line"),
                new CiInput.LifecycleInput("Dell", "R640", "SN1", "2024-01-31", "1200.50", null, null), null));
    }

    @Test
    void writesRelationshipsThatReadBackAsTheSameEnds() throws Exception {
        var output = new StringWriter();
        CsvTransfer.writeRelationships(output, sink -> sink.accept(new RelationshipExport(UUID.randomUUID(),
                CiClass.APPLICATION, "shop, frontend", null, RelationshipType.RUNS_ON, UUID.randomUUID(),
                CiClass.VIRTUAL_MACHINE, "vm1", "cmdb-9")));

        var row = read(output.toString()).relationships().getFirst();

        assertThat(row.source()).isEqualTo(new RelationshipRow.End(null, "application", "shop, frontend"));
        assertThat(row.type()).isEqualTo("runs_on");
        assertThat(row.target()).isEqualTo(new RelationshipRow.End("cmdb-9", "virtual_machine", "vm1"));
    }

    private static CiInput emptyInput() {
        return new CiInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ImportDocument read(String csv) {
        return CsvTransfer.read(new StringReader(csv));
    }

    @Test
    void refusesAColumnGivenTwiceEvenInAnotherCase() {
        var document = read("class,name,Name\nserver,web01,web02\n");

        assertThat(document.errors()).extracting(FieldViolation::row, FieldViolation::field)
                .contains(org.assertj.core.groups.Tuple.tuple(1, "name"));
    }

    @Test
    void attributeColumnsDifferingOnlyInCaseAreTwoAttributes() {
        var document = read("class,name,attr.OS,attr.os\nserver,web01,Debian,linux\n");

        assertThat(document.errors()).isEmpty();
        assertThat(document.cis().getFirst().attributes()).containsEntry("OS", "Debian").containsEntry("os", "linux");
    }
}
