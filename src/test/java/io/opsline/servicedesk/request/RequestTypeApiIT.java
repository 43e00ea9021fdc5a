package io.opsline.servicedesk.request;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.servicedesk.ServiceDeskFixtures;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class RequestTypeApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    TeamManagement teamManagement;

    ApiCalls api;
    ServiceDeskFixtures desk;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        desk = new ServiceDeskFixtures(teamManagement, accounts);
        admin = accounts.admin().token();
    }

    @Test
    void anAdminDefinesATypeWithOrderedFieldsAnApprovingTeamAndTaskTemplates() {
        var team = unique("hardware");
        desk.team(team, accounts.operator().username());
        var name = unique("Laptop");

        var created = api.post(admin, "/api/v1/request-types", Map.of("name", name, "description", "A new laptop",
                "team", team, "approverTeam", team,
                "fields", List.of(field("model", "Model", "choice", true, List.of("13 inch", "15 inch")),
                        field("needed_by", "Needed by", "date", false, List.of()),
                        field("reason", "Why", "text", true, List.of())),
                "tasks", List.of(Map.of("title", "Order the laptop"), Map.of("title", "Set it up", "team", team))));

        assertThat(created).hasStatus(201);
        var type = api.body(created);
        assertThat(type.get("fields").valueStream().map(f -> f.get("key").asString()).toList())
                .containsExactly("model", "needed_by", "reason");
        assertThat(type.get("fields").get(0).get("choices").valueStream().map(c -> c.asString()).toList())
                .containsExactly("13 inch", "15 inch");
        assertThat(type.get("approverTeam").get("name").asString()).isEqualTo(team);
        assertThat(type.get("tasks").get(1).get("team").get("name").asString()).isEqualTo(team);
        var id = type.get("id").asString();
        assertThat(api.get(accounts.viewer().token(), "/api/v1/request-types/" + id)).hasStatusOk();

        var offered = api.body(api.get(accounts.of(Role.REQUESTER).token(), "/api/v1/portal/request-types"));
        var mine = offered.valueStream().filter(t -> t.get("name").asString().equals(name)).findFirst().orElseThrow();
        assertThat(mine.get("needsApproval").asBoolean()).isTrue();
        assertThat(mine.get("fields").size()).isEqualTo(3);
        assertThat(mine.has("tasks")).isFalse();

        var retired = api.put(admin, "/api/v1/request-types/" + id, Map.of("version", 0, "name", name, "active", false));
        assertThat(retired).hasStatusOk();
        assertThat(api.body(retired).get("fields").size()).isZero();
        var stale = api.put(admin, "/api/v1/request-types/" + id, Map.of("version", 0, "name", name));
        assertThat(stale).hasStatus(409);
        assertThat(api.body(api.get(accounts.of(Role.REQUESTER).token(), "/api/v1/portal/request-types"))
                .valueStream().map(t -> t.get("name").asString())).doesNotContain(name);
    }

    @Test
    void refusesABadTypeNamingEveryFieldAndStoresNothing() {
        var name = unique("Broken");
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("team", unique("no-such-team"));
        body.put("approver", unique("nobody"));
        body.put("fields", List.of(field("Bad Key", "", "colour", false, List.of()),
                field("size", "Size", "choice", true, List.of()),
                field("size", "Size again", "number", false, List.of("1")),
                Map.of("key", "notes", "label", "Notes", "type", "date", "maxLength", 10)));
        body.put("tasks", List.of(Map.of("title", " ")));

        var refused = api.post(admin, "/api/v1/request-types", body);

        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("team", "approver", "fields[0].key",
                "fields[0].label", "fields[0].type", "fields[1].choices", "fields[2].key", "fields[2].choices",
                "fields[3].maxLength", "tasks[0].title");
        assertThat(api.get(admin, "/api/v1/request-types/" + name)).hasStatus(404);

        var both = api.post(admin, "/api/v1/request-types", Map.of("name", name, "approver",
                accounts.operator().username(), "approverTeam", desk.team(unique("approvers")).toString()));
        assertThat(api.fields(both)).containsExactly("approverTeam");
    }

    @Test
    void typeNamesAreUniqueAndOnlyAdminsWriteTypes() {
        var name = unique("Access");
        assertThat(api.post(admin, "/api/v1/request-types", Map.of("name", name))).hasStatus(201);
        var again = api.post(admin, "/api/v1/request-types", Map.of("name", name.toUpperCase()));
        assertThat(again).hasStatus(409);
        assertThat(api.fields(again)).containsExactly("name");
        assertThat(api.post(accounts.operator().token(), "/api/v1/request-types", Map.of("name", unique("x"))))
                .hasStatus(403);
        assertThat(api.get(accounts.of(Role.REQUESTER).token(), "/api/v1/request-types")).hasStatus(403);
    }

    static Map<String, Object> field(String key, String label, String type, boolean required, List<String> choices) {
        return Map.of("key", key, "label", label, "type", type, "required", required, "choices", choices);
    }
}
