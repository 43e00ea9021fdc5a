package io.opsline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.state.CheckStatus;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * What monitoring's integration tests stand on: CIs, relationships and checks made over the REST
 * API as an operator, and check states put in place as the scheduler would store them.
 */
public final class MonitoringFixtures {

    private final ApiCalls api;
    private final TestAccounts accounts;
    private final CheckStateRepository states;

    public MonitoringFixtures(MockMvcTester mvc, JsonMapper json, TestAccounts accounts, CheckStateRepository states) {
        this.api = new ApiCalls(mvc, json);
        this.accounts = accounts;
        this.states = states;
    }

    public UUID ci(String name, String... tags) {
        var result = api.post(accounts.operator().token(), "/api/v1/cis",
                Map.of("class", "server", "name", name, "tags", List.of(tags), "addresses", List.of("127.0.0.1")));
        assertThat(result).hasStatus(201);
        return UUID.fromString(api.body(result).get("id").asString());
    }

    /** Records "{@code source} {@code type} {@code target}", e.g. vm runs_on host. */
    public void relate(UUID source, String type, UUID target) {
        var result = api.post(accounts.operator().token(), "/api/v1/relationships",
                Map.of("source", source.toString(), "type", type, "target", target.toString()));
        assertThat(result).hasStatus(201);
    }

    /** A TCP check on the CI. */
    public UUID check(UUID ciId, String name) {
        var result = api.post(accounts.operator().token(), "/api/v1/checks", Map.of("ci", ciId.toString(), "name", name,
                "type", "tcp", "params", Map.of("port", 22)));
        assertThat(result).hasStatus(201);
        return UUID.fromString(api.body(result).get("id").asString());
    }

    /** Puts the check in this confirmed (hard) state, as the scheduler stores it. */
    public void putInState(UUID checkId, ServiceState state) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var status = new CheckStatus<>(state, StateType.HARD, state.isProblem() ? 3 : 1, now, now, state);
        states.saveAll(List.of(new CheckState(checkId, status, null, now.plusSeconds(60), "", false, 0, null)));
    }
}
