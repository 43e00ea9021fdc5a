package io.opsline.alerting.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.notify.ChannelHealth;
import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.internal.notify.DeliveryStatus;
import io.opsline.alerting.internal.notify.Notifications;
import io.opsline.alerting.notify.Receiver;
import io.opsline.identity.Role;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * The channel list, forms and delivery log as the server renders them, with a real HTTP receiver
 * that fails on purpose. Short backoff and few tries, so a delivery fails for good quickly; the
 * same settings as DeliveryRetryIT, so both share one application context.
 */
@OpslineIntegrationTest
@TestPropertySource(properties = {
    "opsline.alerting.notify-poll-interval=100ms",
    "opsline.alerting.notify-backoff-base=100ms",
    "opsline.alerting.notify-backoff-cap=400ms",
    "opsline.alerting.notify-read-timeout=1s",
    "opsline.alerting.notify-max-attempts=4",
    "opsline.alerting.notify-failing-after=2"})
class ChannelPagesIT {

    private static final String SECRET = "s3cret-never-shown-" + UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Channels channels;
    @Autowired
    Notifications notifications;

    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Pages pages() {
        return new Pages(mvc, accounts);
    }

    @Test
    void failingChannelsComeFirstWithTheirLastErrorAndOperatorsTestAndRetryWhereViewersOnlyRead() {
        receiver.answer("/down", () -> 503);
        var healthy = create("webhook", "a-" + unique("fine"), receiver.url("/fine"));
        var failing = create("webhook", "z-" + unique("down"), receiver.url("/down"));

        var sent = pages().post("/alerts/channels/" + failing + "/test", Role.OPERATOR, Map.of());
        assertThat(sent).hasStatus3xxRedirection().redirectedUrl()
                .isEqualTo("/alerts/channels/deliveries?channel=" + failing);
        await().atMost(Duration.ofSeconds(30)).until(() -> channels.get(failing).health().status()
                == ChannelHealth.Status.FAILING);
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications.log(failing, DeliveryStatus.FAILED,
                new PageRequest(0, 10)).total() == 1);

        var html = pages().html("/alerts/channels", Role.VIEWER);
        var ids = Pages.attributes(html, "data-channel-id");
        assertThat(ids.indexOf(failing.toString())).as("the failing channel above the untested one, whatever the names")
                .isNotNegative().isLessThan(ids.indexOf(healthy.toString()));
        var health = Pages.attributes(html, "data-health");
        assertThat(health.subList(0, health.lastIndexOf("FAILING") + 1)).as("every failing channel before the others")
                .containsOnly("FAILING");
        assertThat(html).contains("HTTP 503: no thanks");
        assertThat(html).as("viewers get no change buttons").doesNotContain("Send test")
                .doesNotContain("href=\"/alerts/channels/new\"").doesNotContain("/edit\"");
        assertThat(pages().html("/alerts/channels", Role.OPERATOR)).contains("Send test")
                .doesNotContain("href=\"/alerts/channels/new\"");
        assertThat(pages().html("/alerts/channels", Role.ADMIN)).contains("href=\"/alerts/channels/new\"",
                "href=\"/alerts/channels/" + failing + "/edit\"");

        var delivery = notifications.log(failing, DeliveryStatus.FAILED, new PageRequest(0, 10)).items().get(0).id();
        var log = pages().html("/alerts/channels/deliveries?channel=" + failing, Role.VIEWER);
        assertThat(Pages.attributes(log, "data-delivery-id")).containsExactly(delivery.toString());
        assertThat(log).contains("Test message from Opsline", "FAILED").doesNotContain("Retry");
        var detail = pages().html("/alerts/channels/deliveries/" + delivery, Role.VIEWER);
        assertThat(detail).contains("HTTP 503: no thanks", "data-testid=\"attempts\"").doesNotContain("Retry");
        assertThat(pages().post("/alerts/channels/deliveries/" + delivery + "/retry", Role.VIEWER, Map.of()))
                .hasStatus(403);
        assertThat(pages().post("/alerts/channels/" + failing + "/test", Role.VIEWER, Map.of())).hasStatus(403);

        assertThat(pages().html("/alerts/channels/deliveries?status=failed", Role.OPERATOR)).contains("Retry");
        receiver.answer("/down", () -> 200);
        var retried = pages().post("/alerts/channels/deliveries/" + delivery + "/retry", Role.OPERATOR, Map.of());
        assertThat(retried).hasStatus3xxRedirection().redirectedUrl()
                .isEqualTo("/alerts/channels/deliveries/" + delivery);
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications.get(delivery).delivery().status()
                == DeliveryStatus.SENT);
        var again = pages().post("/alerts/channels/deliveries/" + delivery + "/retry", Role.OPERATOR, Map.of());
        assertThat(again.getMvcResult().getFlashMap().get("notice")).asString()
                .contains("Only a FAILED delivery can be retried");
    }

    @Test
    void theWebhookSecretIsShownOnceAtCreationAndNeverRenderedBack() {
        var name = unique("hook");
        var created = pages().post("/alerts/channels", Role.ADMIN, Map.of("kind", List.of("webhook"),
                "name", List.of(name), "url", List.of(receiver.url("/secret-path-" + SECRET.hashCode())),
                "secret", List.of(SECRET)));
        assertThat(created).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/channels");
        assertThat(created.getMvcResult().getFlashMap().get("shownSecret")).as("a secret typed in is not shown").isNull();
        var id = channels.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();

        var edit = pages().html("/alerts/channels/" + id + "/edit", Role.ADMIN);
        assertThat(edit).contains("Stored: http://127.0.0.1", "Leave empty to keep it")
                .doesNotContain(SECRET).doesNotContain("secret-path-");

        // A refused change shows what was typed, except the secret.
        var refused = pages().post("/alerts/channels/" + id, Role.ADMIN, Map.of("kind", List.of("webhook"),
                "name", List.of(""), "secret", List.of(SECRET + "-new"), "version", List.of("0")));
        assertThat(refused).hasStatusOk();
        assertThat(Pages.html(refused)).contains("name-error", "is required").doesNotContain(SECRET);

        // Left empty, the secret stays; a new one generated is shown once, on the next page only.
        var rotated = pages().post("/alerts/channels/" + id, Role.ADMIN, Map.of("kind", List.of("webhook"),
                "name", List.of(name), "rotateSecret", List.of("true"), "version", List.of("0")));
        var generated = (String) rotated.getMvcResult().getFlashMap().get("shownSecret");
        assertThat(generated).startsWith("whsec_");
        assertThat(pages().html("/alerts/channels", Role.ADMIN)).doesNotContain(generated);
        assertThat(pages().html("/alerts/channels/" + id + "/edit", Role.ADMIN)).doesNotContain(generated);
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndSaysWhatIsWrongBesideTheField() {
        var name = unique("mail");
        var refused = pages().post("/alerts/channels", Role.ADMIN, Map.of("kind", List.of("email"),
                "name", List.of(name), "recipients", List.of("ops@example.org, not-an-address"),
                "smtpHost", List.of("smtp.example.org"), "smtpPort", List.of("five"),
                "fromAddress", List.of("opsline@example.org"), "smtpPassword", List.of(SECRET)));
        assertThat(refused).hasStatusOk();
        var html = Pages.html(refused);
        assertThat(html).contains("id=\"smtpPort-error\">&#39;five&#39; is not a port number",
                "value=\"" + name + "\"", "value=\"smtp.example.org\"", "value=\"five\"")
                .doesNotContain(SECRET);

        var fixedPort = pages().post("/alerts/channels", Role.ADMIN, Map.of("kind", List.of("email"),
                "name", List.of(name), "recipients", List.of("ops@example.org, not-an-address"),
                "smtpHost", List.of("smtp.example.org"), "fromAddress", List.of("opsline@example.org")));
        assertThat(Pages.html(fixedPort)).contains("id=\"recipients-error\">&#39;not-an-address&#39; is not an e-mail address",
                "value=\"ops@example.org, not-an-address\"");
        assertThat(channels.list()).noneMatch(c -> c.name().equals(name));

        assertThat(pages().post("/alerts/channels", Role.OPERATOR, Map.of("kind", List.of("email"),
                "name", List.of(name)))).as("setting channels up is for admins, as in the REST API").hasStatus(403);
        assertThat(pages().get("/alerts/channels/new?kind=email", Role.VIEWER)).hasStatus(403);
    }

    private UUID create(String kind, String name, String url) {
        var created = pages().post("/alerts/channels", Role.ADMIN, Map.of("kind", List.of(kind), "name",
                List.of(name), "url", List.of(url)));
        assertThat(created).hasStatus3xxRedirection();
        return channels.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
    }
}
