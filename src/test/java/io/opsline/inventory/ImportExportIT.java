package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.fields;
import static io.opsline.inventory.InventoryClient.rowErrors;
import static io.opsline.inventory.InventoryClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

@OpslineIntegrationTest
class ImportExportIT {

    private static final String CSV = "text/csv";
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";

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
    void importsCisFromCsvWithEveryColumn() {
        var team = api.createTeam(unique("team"));
        var name = unique("web");
        var ext = unique("ext");

        var report = api.imported(CSV, """
                external_id,class,name,status,environment,criticality,owner_team,location,description,tags,addresses,\
                vendor,model,serial_number,purchase_date,purchase_cost,warranty_end,end_of_life,attr.os,attr.cpuCount
                %s,Server,%s,maintenance,staging,high,%s,DC1,"racked, labelled",Linux;web,10.0.0.1;%s.example.com,\
                Dell,R640,SN1,2024-01-31,1200.5,2027-01-31,2030-01-01,debian,8
                """.formatted(ext, name, team.toUpperCase(), name));

        assertThat(report.get("dryRun").asBoolean()).isFalse();
        assertThat(report.get("cisCreated").asInt()).isEqualTo(1);
        var ci = api.ci(api.ciNamed("server", name).get("id").asString());
        assertThat(ci.get("externalId").asString()).isEqualTo(ext);
        assertThat(ci.get("status").asString()).isEqualTo("maintenance");
        assertThat(ci.get("environment").asString()).isEqualTo("staging");
        assertThat(ci.get("criticality").asString()).isEqualTo("high");
        assertThat(ci.get("ownerTeam").asString()).isEqualTo(team);
        assertThat(ci.get("location").asString()).isEqualTo("DC1");
        assertThat(ci.get("description").asString()).isEqualTo("racked, labelled");
        assertThat(strings(ci.get("tags"))).containsExactly("linux", "web");
        assertThat(strings(ci.get("addresses"))).containsExactly("10.0.0.1", name + ".example.com");
        assertThat(ci.get("attributes").get("os").asString()).isEqualTo("debian");
        assertThat(ci.get("attributes").get("cpuCount").asString()).isEqualTo("8");
        var lifecycle = ci.get("lifecycle");
        assertThat(lifecycle.get("vendor").asString()).isEqualTo("Dell");
        assertThat(lifecycle.get("serialNumber").asString()).isEqualTo("SN1");
        assertThat(lifecycle.get("purchaseDate").asString()).isEqualTo("2024-01-31");
        assertThat(lifecycle.get("purchaseCost").decimalValue()).isEqualByComparingTo("1200.50");
        assertThat(lifecycle.get("endOfLife").asString()).isEqualTo("2030-01-01");
        assertThat(api.audit("action=ci.create&entityId=" + ci.get("id").asString()).get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void importsRelationshipsFromCsvNamingEndsByClassAndNameOrByExternalId() {
        var app = unique("app");
        var vm = unique("vm");
        var vmExt = unique("ext");
        var service = unique("svc");
        api.imported(CSV, "external_id,class,name\n,application,%s\n%s,virtual_machine,%s\n,business_service,%s\n"
                .formatted(app, vmExt, vm, service));

        var report = api.imported(CSV, """
                source_class,source_name,source_external_id,type,target_class,target_name,target_external_id
                application,%s,,runs_on,,,%s
                APPLICATION,%s,,part_of,business_service,%s,
                """.formatted(app, vmExt, app.toUpperCase(), service));

        assertThat(report.get("relationshipsCreated").asInt()).isEqualTo(2);
        assertThat(report.get("cisCreated").asInt()).isZero();
        var appId = api.ciNamed("application", app).get("id").asString();
        assertThat(api.relationshipsOf(appId)).containsExactlyInAnyOrder(app + " runs_on " + vm,
                app + " part_of " + service);
        assertThat(api.auditCount("action=relationship.create&text=" + app)).isEqualTo(2);
    }

    @Test
    void importsAYamlDocumentWithCisAndTheRelationshipsBetweenThem() {
        var host = unique("host");
        var app = unique("app");
        var service = unique("svc");

        var report = api.imported(YAML, """
                cis:
                  - class: server
                    name: %s
                    addresses: [10.20.30.40]
                    lifecycle: {vendor: HPE, purchaseCost: "99.9"}
                  - class: application
                    name: %s
                    tags: [shop]
                    attributes: {port: 8080}
                  - class: business_service
                    name: %s
                relationships:
                  - source: {class: application, name: %s}
                    type: runs_on
                    target: {class: server, name: %s}
                  - source: {class: application, name: %s}
                    type: part_of
                    target: {class: business_service, name: %s}
                """.formatted(host, app, service, app, host, app, service));

        assertThat(report.get("cisCreated").asInt()).isEqualTo(3);
        assertThat(report.get("relationshipsCreated").asInt()).isEqualTo(2);
        var appCi = api.ciNamed("application", app);
        assertThat(appCi.get("attributes").get("port").asString()).isEqualTo("8080");
        assertThat(api.ciNamed("server", host).get("lifecycle").get("purchaseCost").decimalValue())
                .isEqualByComparingTo("99.90");
        assertThat(api.relationshipsOf(appCi.get("id").asString())).containsExactlyInAnyOrder(
                app + " runs_on " + host, app + " part_of " + service);
    }

    @Test
    void importsAJsonDocumentWithCisAndRelationships() {
        var db = unique("db");
        var app = unique("app");
        var dbExt = unique("ext");

        var report = api.imported(JSON, """
                {"cis": [{"externalId": "%s", "class": "database", "name": "%s", "criticality": "high"},
                         {"class": "application", "name": "%s", "tags": ["api"]}],
                 "relationships": [{"source": {"class": "application", "name": "%s"}, "type": "depends_on",
                                    "target": {"externalId": "%s"}}]}
                """.formatted(dbExt, db, app, app, dbExt));

        assertThat(report.get("cisCreated").asInt()).isEqualTo(2);
        assertThat(report.get("relationshipsCreated").asInt()).isEqualTo(1);
        assertThat(api.ciNamed("database", db).get("criticality").asString()).isEqualTo("high");
        assertThat(api.relationshipsOf(api.ciNamed("application", app).get("id").asString()))
                .containsExactly(app + " depends_on " + db);
    }

    @Test
    void reimportingTheSameFilesChangesNothingAndAuditsOnlyTheSummary() {
        var team = api.createTeam(unique("team"));
        var host = unique("host");
        var app = unique("app");
        var document = """
                cis:
                  - class: server
                    name: %s
                    ownerTeam: %s
                    tags: [Linux, web, linux]
                    addresses: [10.0.0.9, HOST.example.com]
                    attributes: {os: debian, cpus: 8}
                    lifecycle: {vendor: Dell, purchaseDate: 2024-01-31, purchaseCost: 1200.5}
                  - class: application
                    name: %s
                    description: "two\\nlines"
                relationships:
                  - source: {class: application, name: %s}
                    type: runs_on
                    target: {class: server, name: %s}
                """.formatted(host, team, app, app, host);
        var cisCsv = "class,name,status,tags,attr.rack,purchase_cost\nserver,%s,active,web;Linux,r4,1200.50\n"
                .formatted(host);
        var relationshipsCsv = "source_class,source_name,type,target_class,target_name\n"
                + "application,%s,depends_on,server,%s\n".formatted(app, host);
        api.imported(YAML, document);
        api.imported(CSV, cisCsv);
        api.imported(CSV, relationshipsCsv);
        var hostVersion = api.ciNamed("server", host).get("version").asLong();
        var ciRecords = api.auditCount("action=ci.");
        var relationshipRecords = api.auditCount("action=relationship.");
        var summaries = api.auditCount("action=inventory.import");

        var again = api.imported(YAML, document);
        var againCis = api.imported(CSV, cisCsv);
        var againRelationships = api.imported(CSV, relationshipsCsv);

        assertThat(counts(again)).isEqualTo(List.of(0, 0, 2, 0, 1));
        assertThat(counts(againCis)).isEqualTo(List.of(0, 0, 1, 0, 0));
        assertThat(counts(againRelationships)).isEqualTo(List.of(0, 0, 0, 0, 1));
        assertThat(api.ciNamed("server", host).get("version").asLong()).isEqualTo(hostVersion);
        assertThat(api.auditCount("action=ci.")).isEqualTo(ciRecords);
        assertThat(api.auditCount("action=relationship.")).isEqualTo(relationshipRecords);
        assertThat(api.auditCount("action=inventory.import")).isEqualTo(summaries + 3);
        var summary = api.audit("action=inventory.import").get("items").get(0);
        assertThat(summary.get("summary").asString()).contains("0 CIs created, 0 updated");
    }

    @Test
    void refusesACsvWithBadRowsListingEveryErrorAndStoringNothing() {
        var prefix = unique("bad");
        var result = api.importFile(CSV, """
                class,name,purchase_date,addresses,owner_team,colour
                toaster,%1$s-a,,,,red
                server,,,,,red
                server,%1$s-b,2024-13-01,,,red
                server,%1$s-c,,300.1.1.1,,red
                server,%1$s-d,,,nobody-%1$s,red
                server,%1$s-e,,,,red
                server,%2$s-E,,,,red
                server,%1$s-ok,,,,red
                """.formatted(prefix, prefix.toUpperCase()), false);

        assertThat(result).hasStatus(422);
        var problem = api.body(result);
        assertThat(problem.get("type").asString()).isEqualTo("urn:opsline:problem:invalid-input");
        assertThat(problem.get("detail").asString()).isEqualTo("The file has 7 problems; nothing was imported");
        assertThat(rowErrors(problem)).containsExactlyInAnyOrder("1 colour", "2 class", "3 name", "4 purchase_date",
                "5 addresses", "6 owner_team", "8 name");
        assertThat(message(problem, "8 name")).contains("row 7");
        assertThat(api.countMatching(prefix)).isZero();
    }

    @Test
    void refusesARelationshipFileWithBadRowsStoringNone() {
        var a = unique("a");
        var b = unique("b");
        var aId = api.createCi("server", a);
        api.createCi("server", b);

        var result = api.importFile(CSV, """
                source_class,source_name,type,target_class,target_name
                server,%1$s,depends_on,server,ghost-%1$s
                server,%1$s,depends_on,server,%1$s
                server,%1$s,owns,server,%2$s
                toaster,%1$s,depends_on,server,%2$s
                server,%1$s,runs_on,server,%2$s
                server,,runs_on,server,%2$s
                """.formatted(a, b), false);

        assertThat(result).hasStatus(422);
        var problem = api.body(result);
        assertThat(rowErrors(problem)).containsExactlyInAnyOrder("2 target", "3 target", "4 type", "5 source",
                "7 source");
        assertThat(message(problem, "2 target")).contains("ghost-" + a);
        assertThat(api.relationshipsOf(aId)).isEmpty();
    }

    @Test
    void refusesADocumentWithBadRowsInBothSectionsNamingEachField() {
        var prefix = unique("doc");
        var stored = api.createCi("server", prefix + "-stored");

        var result = api.importFile(YAML, """
                cis:
                  - {class: server, name: %1$s-x1, lifecycle: {purchaseDate: nope}}
                  - {class: server, name: %1$s-x2}
                  - {class: server, name: %1$s-X2}
                relationships:
                  - {source: {class: server, name: %1$s-x2}, type: depends_on, target: {class: server, name: %1$s-ghost}}
                  - {source: {class: server, name: %1$s-x2}, type: runs_on, target: {class: server, name: %1$s-x2}}
                  - {source: {externalId: %1$s-nope}, type: runs_on, target: {class: server, name: %1$s-stored}}
                  - {source: {class: server, name: %1$s-x2}, type: runs_on, target: {class: server, name: %1$s-stored}}
                """.formatted(prefix), false);

        assertThat(result).hasStatus(422);
        assertThat(rowErrors(api.body(result))).containsExactlyInAnyOrder("1 cis.lifecycle.purchaseDate", "3 cis.name",
                "1 relationships.target", "2 relationships.target", "3 relationships.source");
        assertThat(api.countMatching(prefix)).isEqualTo(1);
        assertThat(api.relationshipsOf(stored)).isEmpty();
    }

    @Test
    void answersUnreadableFilesWithAFileErrorNeverA500() {
        for (var file : List.of(Map.entry(CSV, "class,name\nserver,\"web01\nserver,web02\n"),
                Map.entry(YAML, "cis:\n  - {class: server, name: [web01\n"),
                Map.entry(YAML, "cis:\n  - class: server\n    name: a: b\n"),
                Map.entry(JSON, "{\"cis\": [{\"class\": \"server\""),
                Map.entry(JSON, "not json at all"))) {
            var result = api.importFile(file.getKey(), file.getValue(), false);

            assertThat(result).as(file.getValue()).hasStatus(422);
            assertThat(fields(api.body(result))).as(file.getValue()).containsExactly("file");
        }
    }

    @Test
    void refusesAnUnknownOrMissingContentType() {
        for (var type : new String[] {"text/plain", "application/xml", "application/octet-stream", "not a type", null}) {
            var result = api.importFile(type, "class,name\nserver,x\n", false);

            assertThat(result).as(String.valueOf(type)).hasStatus(422);
            assertThat(fields(api.body(result))).containsExactly("Content-Type");
        }
        var name = unique("typed");
        api.imported("text/csv; charset=utf-8", "class,name\nserver," + name + "\n");
        api.imported("application/x-yaml", "cis: [{class: database, name: " + name + "}]\n");
        assertThat(api.countMatching(name)).isEqualTo(2);
    }

    @Test
    void aDryRunCountsWhatWouldChangeAndWritesNothing() {
        var prefix = unique("dry");
        var existing = api.createCi("server", prefix + "-old");
        var ciRecords = api.auditCount("action=ci.");
        var summaries = api.auditCount("action=inventory.import");

        var result = api.importFile(CSV, "class,name,status\nserver,%1$s-old,retired\nserver,%1$s-new1,\ndatabase,%1$s-new2,\n"
                .formatted(prefix), true);

        assertThat(result).hasStatusOk();
        var report = api.body(result);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(counts(report)).isEqualTo(List.of(2, 1, 0, 0, 0));
        assertThat(api.countMatching(prefix)).isEqualTo(1);
        assertThat(api.ci(existing).get("status").asString()).isEqualTo("active");
        assertThat(api.ci(existing).get("version").asLong()).isZero();
        assertThat(api.auditCount("action=ci.")).isEqualTo(ciRecords);
        assertThat(api.auditCount("action=inventory.import")).isEqualTo(summaries);

        var bad = api.importFile(CSV, "class,name\ntoaster,x\n", true);
        assertThat(bad).hasStatus(422);
    }

    @Test
    void changesOnlyTheColumnsTheFileHas() {
        var name = unique("merge");
        var id = api.createCi(Map.of("class", "server", "name", name, "location", "DC1", "tags", List.of("linux", "web"),
                "addresses", List.of("10.1.1.1"), "attributes", Map.of("os", "debian", "rack", "r1"),
                "lifecycle", Map.of("vendor", "Dell", "purchaseDate", "2024-01-01", "purchaseCost", "100")));
        var before = api.ci(id);

        var statusOnly = api.imported(CSV, "class,name,status\nserver,%s,retired\n".formatted(name.toUpperCase()));

        assertThat(counts(statusOnly)).isEqualTo(List.of(0, 1, 0, 0, 0));
        var afterStatus = api.ci(id);
        assertThat(afterStatus.get("status").asString()).isEqualTo("retired");
        // Matched ignoring case; as the name is in the file, the file's spelling is kept.
        assertThat(afterStatus.get("name").asString()).isEqualTo(name.toUpperCase());
        assertThat(afterStatus.get("version").asLong()).isEqualTo(1);
        for (var kept : List.of("location", "tags", "addresses", "attributes", "lifecycle", "environment",
                "criticality")) {
            assertThat(afterStatus.get(kept)).as(kept).isEqualTo(before.get(kept));
        }

        api.imported(CSV, "class,name,location,tags\nserver,%s,,\n".formatted(name));
        var cleared = api.ci(id);
        assertThat(cleared.get("location").isNull()).isTrue();
        assertThat(cleared.get("tags")).isEmpty();
        assertThat(strings(cleared.get("addresses"))).containsExactly("10.1.1.1");

        api.imported(CSV, "class,name,attr.os,attr.rack,attr.cpus\nserver,%s,debian 12,,4\n".formatted(name));
        var attributes = api.ci(id).get("attributes");
        assertThat(attributes.propertyNames()).containsExactlyInAnyOrder("os", "cpus");
        assertThat(attributes.get("os").asString()).isEqualTo("debian 12");

        api.imported(YAML, "cis:\n  - {class: server, name: %s, criticality: high, lifecycle: {model: R640}}\n"
                .formatted(name));
        var documentMerged = api.ci(id);
        assertThat(documentMerged.get("criticality").asString()).isEqualTo("high");
        assertThat(documentMerged.get("status").asString()).isEqualTo("retired");
        assertThat(documentMerged.get("lifecycle").get("model").asString()).isEqualTo("R640");
        assertThat(documentMerged.get("lifecycle").get("vendor").asString()).isEqualTo("Dell");
        assertThat(documentMerged.get("attributes").propertyNames()).containsExactlyInAnyOrder("os", "cpus");
    }

    @Test
    void reconcilesByExternalIdAndRenamesThroughIt() {
        var ext = unique("ext");
        var first = unique("first");
        var second = unique("second");
        api.imported(CSV, "external_id,class,name\n%s,server,%s\n".formatted(ext, first));
        var id = api.ciNamed("server", first).get("id").asString();

        var renamed = api.imported(CSV, "external_id,class,name,status\n%s,server,%s,planned\n".formatted(ext, second));

        assertThat(counts(renamed)).isEqualTo(List.of(0, 1, 0, 0, 0));
        var ci = api.ci(id);
        assertThat(ci.get("name").asString()).isEqualTo(second);
        assertThat(ci.get("status").asString()).isEqualTo("planned");
        assertThat(api.countMatching(first)).isZero();

        var other = unique("other");
        api.imported(YAML, """
                cis:
                  - {externalId: %s, class: database, name: %s}
                relationships:
                  - {source: {class: database, name: %s}, type: runs_on, target: {externalId: %s}}
                """.formatted(unique("ext"), other, other, ext));
        assertThat(api.relationshipsOf(id)).containsExactly(other + " runs_on " + second);
    }

    @Test
    void swapsTheNamesOfTwoCisInOneImport() {
        var first = unique("first");
        var second = unique("second");
        var firstExt = unique("ext");
        var secondExt = unique("ext");
        api.imported(CSV, "external_id,class,name\n%s,server,%s\n%s,server,%s\n".formatted(firstExt, first, secondExt,
                second));
        var firstId = api.ciNamed("server", first).get("id").asString();

        var result = api.importFile(CSV, "external_id,class,name\n%s,server,%s\n%s,server,%s\n".formatted(firstExt,
                second, secondExt, first), false);

        assertThat(result).hasStatusOk();
        assertThat(counts(api.body(result))).isEqualTo(List.of(0, 2, 0, 0, 0));
        assertThat(api.ci(firstId).get("name").asString()).isEqualTo(second);
        assertThat(api.ciNamed("server", first).get("externalId").asString()).isEqualTo(secondExt);
    }

    @Test
    void givesAnExternalIdToTheCiOfTheSameClassAndNameThatHasNone() {
        var name = unique("adopt");
        var ext = unique("ext");
        var id = api.createCi("server", name);

        var report = api.imported(CSV, "external_id,class,name\n%s,server,%s\n".formatted(ext, name));

        assertThat(counts(report)).isEqualTo(List.of(0, 1, 0, 0, 0));
        assertThat(api.ci(id).get("externalId").asString()).isEqualTo(ext);
    }

    @Test
    void refusesARowThatMatchesByNameACiWithAnotherExternalId() {
        var name = unique("taken");
        var stored = unique("ext");
        var id = api.createCi(Map.of("class", "server", "name", name, "externalId", stored));

        var result = api.importFile(CSV, "external_id,class,name,status\n%s,server,%s,retired\n"
                .formatted(unique("ext"), name), false);

        assertThat(result).hasStatus(422);
        var problem = api.body(result);
        assertThat(rowErrors(problem)).containsExactly("2 external_id");
        assertThat(message(problem, "2 external_id")).contains(stored);
        assertThat(api.ci(id).get("status").asString()).isEqualTo("active");
    }

    @Test
    void exportedFilesImportBackWithoutAnyChange() {
        var tag = unique("rt");
        var team = api.createTeam(unique("team"));
        var host = unique("host");
        var app = unique("Bestellung-äöü");
        var service = unique("svc");
        api.createCi(Map.of("class", "server", "name", host, "externalId", unique("ext"), "ownerTeam", team,
                "tags", List.of(tag, "linux"), "location", "DC1; rack 4",
                "description", "line one\nline two, with \"quotes\"",
                "addresses", List.of("10.9.9.9", host + ".example.com", "fe80::1%eth1"),
                "attributes", Map.of("OS", "debian", "kernel", "6.10", "build", "2e5", "flag", "yes", "ratio", ".inf",
                        "note", "a, b; c"),
                "lifecycle", Map.of("vendor", "Dell", "model", "R640", "serialNumber", "007", "purchaseDate",
                        "2024-01-31", "purchaseCost", "1200.50", "warrantyEnd", "2027-01-31")));
        api.createCi(Map.of("class", "application", "name", app, "status", "maintenance", "environment", "staging",
                "criticality", "high", "tags", List.of(tag)));
        api.createCi(Map.of("class", "business_service", "name", service, "tags", List.of(tag),
                "description", "null"));
        var appId = api.cisTagged(tag).get(app).get("id").asString();
        api.relate(appId, "runs_on", api.cisTagged(tag).get(host).get("id").asString());
        api.relate(appId, "part_of", api.cisTagged(tag).get(service).get("id").asString());
        var versions = versions(tag);

        var cisCsv = api.export("format=csv&kind=cis&tag=" + tag);
        var relationshipsCsv = api.export("format=csv&kind=relationships&tag=" + tag);
        var yaml = api.export("format=yaml&tag=" + tag);
        var jsonDocument = api.export("format=json&tag=" + tag);

        assertThat(counts(api.imported(CSV, cisCsv))).as(cisCsv).isEqualTo(List.of(0, 0, 3, 0, 0));
        assertThat(counts(api.imported(CSV, relationshipsCsv))).as(relationshipsCsv).isEqualTo(List.of(0, 0, 0, 0, 2));
        assertThat(counts(api.imported(YAML, yaml))).as(yaml).isEqualTo(List.of(0, 0, 3, 0, 2));
        assertThat(counts(api.imported(JSON, jsonDocument))).as(jsonDocument).isEqualTo(List.of(0, 0, 3, 0, 2));
        assertThat(versions(tag)).isEqualTo(versions);
    }

    @Test
    void aFilteredExportHoldsTheMatchingCisAndOnlyTheRelationshipsBetweenThem() throws Exception {
        var tag = unique("exp");
        var a = unique("a");
        var b = unique("b");
        var c = unique("c");
        var aId = api.createCi(Map.of("class", "application", "name", a, "tags", List.of(tag)));
        var bId = api.createCi(Map.of("class", "database", "name", b, "tags", List.of(tag)));
        var cId = api.createCi("server", c);
        api.relate(aId, "depends_on", bId);
        api.relate(aId, "runs_on", cId);
        api.relate(bId, "runs_on", cId);

        var yaml = YAMLMapper.builder().build().readTree(api.export("format=yaml&tag=" + tag));
        var document = json.readTree(api.export("format=json&tag=" + tag));
        for (var exported : List.of(yaml, document)) {
            assertThat(exported.get("cis").valueStream().map(ci -> ci.get("name").asString()))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(exported.get("relationships")).singleElement().satisfies(r -> {
                assertThat(r.get("source").get("name").asString()).isEqualTo(a);
                assertThat(r.get("type").asString()).isEqualTo("depends_on");
                assertThat(r.get("target").get("name").asString()).isEqualTo(b);
            });
        }
        var cisCsv = api.export("format=csv&kind=cis&tag=" + tag).lines().toList();
        assertThat(cisCsv.getFirst()).startsWith("external_id,class,name,");
        assertThat(cisCsv).hasSize(3).anyMatch(l -> l.contains("," + a + ",")).anyMatch(l -> l.contains("," + b + ","));
        var relationshipsCsv = api.export("format=csv&kind=relationships&tag=" + tag).lines().toList();
        assertThat(relationshipsCsv).containsExactly(
                "source_class,source_name,source_external_id,type,target_class,target_name,target_external_id",
                "application,%s,,depends_on,database,%s,".formatted(a, b));

        var download = api.get("/api/v1/export?format=csv&kind=relationships&tag=" + tag);
        assertThat(download.getResponse().getContentType()).startsWith("text/csv");
        assertThat(download.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"opsline-relationships.csv\"");
    }

    @Test
    void refusesExportFilterAndFormatMistakes() {
        assertThat(fields(api.body(api.get("/api/v1/export?format=xml")))).containsExactly("format");
        assertThat(fields(api.body(api.get("/api/v1/export?format=csv&kind=teams")))).containsExactly("kind");
        assertThat(fields(api.body(api.get("/api/v1/export?format=json&class=toaster")))).containsExactly("class");
    }

    @Test
    void acceptsACsvThatStartsWithAByteOrderMark() {
        var name = unique("bom");

        var report = api.imported(CSV, "\uFEFFclass,name,status\r\nserver,%s,planned\r\n".formatted(name));

        assertThat(report.get("cisCreated").asInt()).isEqualTo(1);
        assertThat(api.ciNamed("server", name).get("status").asString()).isEqualTo("planned");
    }

    @Test
    void viewersMayExportButNotImport() {
        var result = mvc.post().uri("/api/v1/import")
                .header("Authorization", accounts.viewer().bearer()).header("Content-Type", CSV)
                .content("class,name\nserver," + unique("nope") + "\n").exchange();

        assertThat(result).hasStatus(403);
        assertThat(api.get("/api/v1/export?format=json&tag=" + unique("none"))).hasStatusOk();
    }

    /** The report's counts: CIs created, updated, unchanged; relationships created, unchanged. */
    private static List<Integer> counts(JsonNode report) {
        return List.of(report.get("cisCreated").asInt(), report.get("cisUpdated").asInt(),
                report.get("cisUnchanged").asInt(), report.get("relationshipsCreated").asInt(),
                report.get("relationshipsUnchanged").asInt());
    }

    private Map<String, Long> versions(String tag) {
        var versions = new java.util.TreeMap<String, Long>();
        api.cisTagged(tag).forEach((name, ci) -> versions.put(name, ci.get("version").asLong()));
        return versions;
    }

    private static String message(JsonNode problem, String rowAndField) {
        return problem.get("errors").valueStream()
                .filter(e -> ((e.hasNonNull("row") ? e.get("row").asString() : "-") + " " + e.get("field").asString())
                        .equals(rowAndField))
                .map(e -> e.get("message").asString()).findFirst().orElseThrow();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
