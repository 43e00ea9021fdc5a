package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.Jdbc;
import io.opsline.servicedesk.internal.IncidentInput;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.servicedesk.internal.TransitionInput;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class ServiceDeskReportIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    TeamManagement teamManagement;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;
    @Autowired
    Incidents incidents;

    ApiCalls api;
    String viewer;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        viewer = accounts.viewer().token();
    }

    @Test
    void reportsTheBacklogAndTheTimesToAnswerAndResolveCountedFromWhenTheTroubleBegan() throws Exception {
        var operator = accounts.fresh(Role.OPERATOR);
        var team = unique("dba");
        new ServiceDeskFixtures(teamManagement, accounts).team(team, operator.username());
        var cis = new CiFixtures(ciManagement, relationshipManagement);
        var db = cis.create("database", unique("orders-db"));
        var shop = cis.create("business_service", unique("Shop"));
        cis.relate(shop, "depends_on", db);
        var now = Jdbc.now();

        var critical = open(operator.username(), team, "high", "high", List.of(db.id().toString()),
                now.minus(Duration.ofMinutes(60)));
        var moderate = open(operator.username(), team, "medium", "medium", List.of(), now.minus(Duration.ofMinutes(20)));
        open(operator.username(), team, "high", "medium", List.of(), now);
        act(operator.username(), () -> {
            incidents.transition(critical, new TransitionInput(0L, "in_progress", null, null, null, null),
                    operator.username());
            incidents.transition(critical, new TransitionInput(1L, "resolved", null, "solved_permanently",
                    "Index rebuilt", null), operator.username());
            return incidents.transition(moderate, new TransitionInput(0L, "in_progress", null, null, null, null),
                    operator.username());
        });

        var report = api.body(api.get(viewer, "/api/v1/servicedesk/report?team=" + team));

        var backlog = report.get("backlog");
        assertThat(backlog.get("total").asLong()).isEqualTo(2);
        assertThat(backlog.get("byPriority").get("P1").asLong()).isZero();
        assertThat(backlog.get("byPriority").get("P2").asLong()).isEqualTo(1);
        assertThat(backlog.get("byPriority").get("P3").asLong()).isEqualTo(1);
        assertThat(backlog.get("byTeam")).hasSize(1);
        assertThat(backlog.get("byTeam").get(0).get("team").asString()).isEqualTo(team);

        var response = report.get("response");
        assertThat(response.get("count").asLong()).isEqualTo(2);
        assertThat(response.get("averageSeconds").asDouble()).isCloseTo(40 * 60, within(90.0));
        assertThat(response.get("byPriority").get("P1").get("averageSeconds").asDouble()).isCloseTo(3600, within(90.0));
        var resolution = report.get("resolution");
        assertThat(resolution.get("count").asLong()).isEqualTo(1);
        assertThat(resolution.get("averageSeconds").asDouble()).isCloseTo(3600, within(90.0));
        assertThat(resolution.get("byPriority").get("P3").get("averageSeconds").isNull()).isTrue();

        // The default policies on the 24×7 calendar: P1 answers within 15 min (60 took), resolves within 4 h
        // (60 took); P3 answers within 4 h (20 took).
        var sla = report.get("sla");
        assertThat(sla.get("response").get("measured").asLong()).isEqualTo(2);
        assertThat(sla.get("response").get("met").asLong()).isEqualTo(1);
        assertThat(sla.get("resolution").get("measured").asLong()).isEqualTo(1);
        assertThat(sla.get("resolution").get("met").asLong()).isEqualTo(1);
        assertThat(sla.get("resolution").get("percent").asDouble()).isEqualTo(100.0);

        var days = report.get("days");
        assertThat(days).hasSize(30);
        var today = days.get(29);
        assertThat(today.get("day").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(today.get("opened").asLong()).isEqualTo(3);
        assertThat(today.get("responded").asLong()).isEqualTo(2);
        assertThat(today.get("resolved").asLong()).isEqualTo(1);
        assertThat(days.get(0).get("opened").asLong()).isZero();

        assertThat(report.get("services")).hasSize(1);
        assertThat(report.get("services").get(0).get("name").asString()).isEqualTo(shop.name());
        assertThat(report.get("ciClasses").get(0).get("key").asString()).isEqualTo("database");
        assertThat(report.get("ciClasses").get(0).get("incidents").asLong()).isEqualTo(1);

        var csv = api.get(viewer, "/api/v1/servicedesk/report.csv?table=backlog&team=" + team);
        assertThat(csv).hasStatusOk();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getContentAsString().lines().toList())
                .containsExactly("team,P1,P2,P3,P4,total", team + ",0,1,1,0,2");
        var daysCsv = api.get(viewer, "/api/v1/servicedesk/report.csv?team=" + team).getResponse().getContentAsString()
                .lines().toList();
        assertThat(daysCsv.getFirst()).isEqualTo("day,opened,responded,mtta_minutes,resolved,mttr_minutes,"
                + "resolution_sla_measured,resolution_sla_met");
        assertThat(daysCsv.getLast()).startsWith(LocalDate.now(ZoneOffset.UTC) + ",3,2,").contains(",1,60.")
                .endsWith(",1,1");
    }

    @Test
    void aBusinessServiceScopesTheReportToItsIncidents() {
        var cis = new CiFixtures(ciManagement, relationshipManagement);
        var app = cis.create("application", unique("billing"));
        var service = cis.create("business_service", unique("Billing"));
        cis.relate(service, "depends_on", app);
        var operator = accounts.operator().username();
        open(operator, null, "low", "low", List.of(app.id().toString()), Jdbc.now());

        var report = api.body(api.get(viewer, "/api/v1/servicedesk/report?service=" + service.id()));

        assertThat(report.get("backlog").get("total").asLong()).isEqualTo(1);
        assertThat(report.get("backlog").get("byPriority").get("P4").asLong()).isEqualTo(1);
    }

    @Test
    void refusesPeriodsItCannotReport() {
        var bad = api.get(viewer, "/api/v1/servicedesk/report?from=yesterday&team=" + unique("none") + "&service=x");
        assertThat(bad).hasStatus(422);
        assertThat(api.fields(bad)).containsExactlyInAnyOrder("from", "team", "service");
        assertThat(api.fields(api.get(viewer, "/api/v1/servicedesk/report?from=2026-03-02&to=2026-03-01")))
                .containsExactly("from");
        assertThat(api.body(api.get(viewer, "/api/v1/servicedesk/report?from=2024-01-01&to=2026-01-01")).get("detail")
                .asString()).isNotBlank();
        assertThat(api.get(viewer, "/api/v1/servicedesk/report?from=2024-01-01&to=2026-01-01")).hasStatus(422);
        assertThat(api.get(viewer, "/api/v1/servicedesk/report.csv?table=secrets")).hasStatus(422);
    }

    @Test
    void thePageShowsTheFiguresAndExplainsABadPeriodBesideTheForm() throws Exception {
        var viewerName = accounts.viewer().username();
        var page = mvc.get().uri("/servicedesk/report").with(user(viewerName).roles("VIEWER")).exchange();
        assertThat(page).hasStatusOk();
        var html = page.getResponse().getContentAsString();
        assertThat(html).contains("data-backlog").contains("data-report-charts").contains("data-mtta")
                .contains("/servicedesk/report.csv?table=days");

        var bad = mvc.get().uri("/servicedesk/report?from=soon").with(user(viewerName).roles("VIEWER")).exchange();
        assertThat(bad).hasStatusOk();
        assertThat(bad.getResponse().getContentAsString()).contains("data-report-problem").contains("must be a date")
                .doesNotContain("data-report-charts");

        var csv = mvc.get().uri("/servicedesk/report.csv?table=classes").with(user(viewerName).roles("VIEWER"))
                .exchange();
        assertThat(csv).hasStatusOk();
        assertThat(csv.getResponse().getContentAsString()).startsWith("ci_class,incidents");
    }

    private java.util.UUID open(String actor, String team, String impact, String urgency, List<String> cis,
            java.time.Instant startedAt) {
        return act(actor, () -> incidents.create(new IncidentInput(unique("Report incident"), null, null, null, impact,
                urgency, null, team, null, cis, null), actor, OpenedThrough.API, startedAt)).id();
    }

    private static <T> T act(String actor, java.util.function.Supplier<T> work) {
        return TestAccounts.actingAs(actor, Role.OPERATOR, work);
    }
}
