package io.opsline.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.servicedesk.internal.attachment.IncidentAttachments;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class IncidentAttachmentApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    String operator;
    String ref;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiCalls(mvc, json);
        operator = accounts.operator().token();
        ref = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", ApiCalls.unique("Disk full"),
                "impact", "low", "urgency", "low"))).get("reference").asString();
    }

    @Test
    void storesListsAndServesTheSameBytesAsADownloadNotedOnTheTimeline() throws Exception {
        var bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);

        var created = upload(operator, ref, new MockMultipartFile("file", "C:\\logs\\app.log", "text/plain", bytes));

        assertThat(created).hasStatus(201);
        var stored = api.body(created);
        assertThat(stored.get("fileName").asString()).isEqualTo("app.log");
        assertThat(stored.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(stored.get("sha256").asString())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        var id = stored.get("id").asString();
        assertThat(created.getResponse().getHeader("Location"))
                .isEqualTo("/api/v1/incidents/" + ref + "/attachments/" + id);

        var listed = api.body(api.get(accounts.viewer().token(), "/api/v1/incidents/" + ref + "/attachments"));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(id);

        var download = api.get(accounts.viewer().token(), "/api/v1/incidents/" + ref + "/attachments/" + id);
        assertThat(download).hasStatus(200);
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(bytes);
        assertThat(download.getResponse().getContentType()).startsWith("text/plain");
        assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;")
                .contains("app.log");
        assertThat(download.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

        var timeline = api.body(api.get(operator, "/api/v1/incidents/" + ref + "/timeline"));
        assertThat(timeline.valueStream().filter(e -> e.get("kind").asString().equals("attachment"))
                .map(e -> e.get("body").asString())).singleElement().asString().contains("app.log");
    }

    @Test
    void servesHtmlAndSvgAsOctetStreamDownloads() throws Exception {
        var page = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        for (var file : new MockMultipartFile[] {new MockMultipartFile("file", "x.html", "text/html", page),
                new MockMultipartFile("file", "x.svg", "image/svg+xml", page)}) {
            var id = api.body(upload(operator, ref, file)).get("id").asString();

            var download = api.get(operator, "/api/v1/incidents/" + ref + "/attachments/" + id);

            assertThat(download.getResponse().getContentType()).isEqualTo("application/octet-stream");
            assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
            assertThat(download.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(page);
        }
    }

    @Test
    void refusesAFileOverTheLimitWith413NamingItAndStoresNothing() {
        var tooBig = new byte[10 * 1024 * 1024 + 1];

        var refused = upload(operator, ref, new MockMultipartFile("file", "big.bin", "application/zip", tooBig));

        assertThat(refused).hasStatus(413);
        assertThat(api.body(refused).get("detail").asString()).contains(String.valueOf(10 * 1024 * 1024));
        assertThat(api.body(api.get(operator, "/api/v1/incidents/" + ref + "/attachments")).size()).isZero();
    }

    @Test
    void refusesAnEmptyOrMissingFileWith422NamingTheField() {
        var empty = upload(operator, ref, new MockMultipartFile("file", "empty.txt", "text/plain", new byte[0]));
        assertThat(empty).hasStatus(422);
        assertThat(api.fields(empty)).containsExactly("file");

        var missing = upload(operator, ref, new MockMultipartFile("other", "a.txt", "text/plain", new byte[] {1}));
        assertThat(missing).hasStatus(422);
        assertThat(api.fields(missing)).containsExactly("file");

        assertThat(api.body(api.get(operator, "/api/v1/incidents/" + ref + "/attachments")).size()).isZero();
    }

    @Test
    void refusesOneFileMoreThanAnIncidentTakesWith409() {
        for (var i = 0; i < IncidentAttachments.MAX_PER_INCIDENT; i++) {
            assertThat(upload(operator, ref, new MockMultipartFile("file", i + ".txt", "text/plain", new byte[] {1})))
                    .hasStatus(201);
        }

        assertThat(upload(operator, ref, new MockMultipartFile("file", "one-more.txt", "text/plain", new byte[] {1})))
                .hasStatus(409);
        assertThat(api.body(api.get(operator, "/api/v1/incidents/" + ref + "/attachments")).size())
                .isEqualTo(IncidentAttachments.MAX_PER_INCIDENT);
    }

    @Test
    void viewersAndRequestersMayNotUploadAndRequestersSeeNothing() {
        var file = new MockMultipartFile("file", "a.txt", "text/plain", new byte[] {1});

        assertThat(upload(accounts.viewer().token(), ref, file)).hasStatus(403);
        var requester = accounts.of(Role.REQUESTER).token();
        assertThat(upload(requester, ref, file)).hasStatus(403);
        assertThat(api.get(requester, "/api/v1/incidents/" + ref + "/attachments")).hasStatus(403);
        assertThat(api.body(api.get(operator, "/api/v1/incidents/" + ref + "/attachments")).size()).isZero();
    }

    @Test
    void theIncidentPageListsUploadsAndServesThemToSignedInPeople() throws Exception {
        var op = accounts.operator().username();
        var bytes = "kernel: disk full".getBytes(StandardCharsets.UTF_8);

        var posted = mvc.post().uri("/incidents/" + ref + "/attachments").multipart()
                .file(new MockMultipartFile("file", "dmesg.txt", "text/plain", bytes))
                .with(user(op).roles("OPERATOR")).with(csrf()).exchange();
        assertThat(posted).hasStatus3xxRedirection().hasRedirectedUrl("/incidents/" + ref + "#attachments");
        var empty = mvc.post().uri("/incidents/" + ref + "/attachments").multipart()
                .file(new MockMultipartFile("file", "none.txt", "text/plain", new byte[0]))
                .with(user(op).roles("OPERATOR")).with(csrf()).exchange();
        assertThat(empty).hasStatus3xxRedirection().flash().hasEntrySatisfying("notice",
                notice -> assertThat(notice.toString()).contains("empty"));

        var page = mvc.get().uri("/incidents/" + ref).with(user(accounts.viewer().username()).roles("VIEWER"))
                .exchange();
        assertThat(page).hasStatusOk().bodyText().contains("dmesg.txt").doesNotContain("data-testid=\"attach\"");
        var id = api.body(api.get(operator, "/api/v1/incidents/" + ref + "/attachments")).get(0).get("id").asString();
        var download = mvc.get().uri("/incidents/" + ref + "/attachments/" + id)
                .with(user(accounts.viewer().username()).roles("VIEWER")).exchange();
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(bytes);
        assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
        var operatorPage = mvc.get().uri("/incidents/" + ref).with(user(op).roles("OPERATOR")).exchange();
        assertThat(operatorPage).bodyText().contains("data-testid=\"attach\"");
    }

    private MvcTestResult upload(String token, String reference, MockMultipartFile file) {
        return mvc.post().uri("/api/v1/incidents/" + reference + "/attachments").multipart().file(file)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
