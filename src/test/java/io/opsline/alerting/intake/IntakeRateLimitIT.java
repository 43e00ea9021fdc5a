package io.opsline.alerting.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** A flooding sender is refused with 429 and counted, and other senders go on as before. */
@OpslineIntegrationTest
@TestPropertySource(properties = {"opsline.alerting.intake-rate=1", "opsline.alerting.intake-burst=3"})
class IntakeRateLimitIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    @Test
    void aSourceOverItsRateIsToldWhenToComeBackAndTheRefusedEventsAreCounted() {
        var client = new IntakeClient(mvc, json, accounts);
        var flood = client.integration("flood-" + UUID.randomUUID(), "generic");
        var calm = client.integration("calm-" + UUID.randomUUID(), "generic");
        var three = """
                {"events": [{"dedupKey": "a", "severity": "warning", "summary": "a"},
                            {"dedupKey": "b", "severity": "warning", "summary": "b"},
                            {"dedupKey": "c", "severity": "warning", "summary": "c"}]}""";

        assertThat(client.send("/api/v1/intake/events", flood.key(), three)).hasStatus(202);
        var refused = client.send("/api/v1/intake/events", flood.key(), three);

        assertThat(refused).hasStatus(429);
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 3L);
        assertThat(client.body(refused).get("type").asString()).isEqualTo("urn:opsline:problem:rate-limited");
        var traffic = client.traffic(flood);
        assertThat(traffic.get("accepted").asLong()).isEqualTo(3);
        assertThat(traffic.get("rateLimited").asLong()).isEqualTo(3);
        assertThat(client.send("/api/v1/intake/events", calm.key(), three)).hasStatus(202);
        assertThat(client.alerts(flood.name()).get("total").asLong()).isEqualTo(3);
    }
}
