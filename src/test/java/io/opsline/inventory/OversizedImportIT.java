package io.opsline.inventory;

import static io.opsline.inventory.InventoryClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Imports beyond {@code opsline.inventory.max-import-size}; a context of its own, for the small limit. */
@OpslineIntegrationTest
@TestPropertySource(properties = "opsline.inventory.max-import-size=1KB")
class OversizedImportIT {

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
    void refusesAFileOverTheLimitWithAPayloadTooLargeProblem() {
        var prefix = unique("big");
        var csv = csv(prefix, 100);
        var yaml = "cis:\n" + IntStream.range(0, 100).mapToObj(i -> "  - {class: server, name: %s-%d}\n"
                .formatted(prefix, i)).reduce("", String::concat);
        var jsonDocument = "{\"cis\": [" + String.join(",", IntStream.range(0, 100)
                .mapToObj(i -> "{\"class\": \"server\", \"name\": \"%s-%d\"}".formatted(prefix, i)).toList()) + "]}";

        for (var file : new String[][] {{"text/csv", csv}, {"application/yaml", yaml}, {"application/json", jsonDocument}}) {
            assertThat(file[1].getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024);
            var result = api.importFile(file[0], file[1], false);

            assertThat(result).as(file[0]).hasStatus(413);
            assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
            var problem = api.body(result);
            assertThat(problem.get("type").asString()).isEqualTo("urn:opsline:problem:payload-too-large");
            assertThat(problem.get("detail").asString()).contains("1024 bytes");
        }
        assertThat(api.countMatching(prefix)).isZero();
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() {
        var prefix = unique("ok");
        var start = "class,name,description\nserver," + prefix + ",";
        var csv = start + "x".repeat(1024 - start.length() - 1) + "\n";
        assertThat(csv.getBytes(StandardCharsets.UTF_8)).hasSize(1024);

        assertThat(api.imported("text/csv", csv).get("cisCreated").asInt()).isEqualTo(1);
    }

    @Test
    void theImportPageSaysTheFileIsTooLarge() {
        var prefix = unique("page");
        var upload = new MockMultipartFile("file", "inventory.csv", "text/csv",
                csv(prefix, 100).getBytes(StandardCharsets.UTF_8));

        var page = mvc.post().uri("/inventory/import").multipart().file(upload)
                .with(user(accounts.operator().username()).roles("OPERATOR")).with(csrf()).exchange();

        assertThat(page).hasStatusOk();
        assertThat(page).bodyText().contains("data-testid=\"import-error\"").contains("1024 bytes")
                .doesNotContain("data-testid=\"import-report\"");
        assertThat(api.countMatching(prefix)).isZero();
    }

    private static String csv(String prefix, int rows) {
        var csv = new StringBuilder("class,name\n");
        IntStream.range(0, rows).forEach(i -> csv.append("server,").append(prefix).append('-').append(i).append('\n'));
        return csv.toString();
    }
}
