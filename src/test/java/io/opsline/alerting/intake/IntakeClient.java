package io.opsline.alerting.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A sender at the intake's doors, and an admin to make its integrations and look at what arrived. */
record IntakeClient(MockMvcTester mvc, JsonMapper json, TestAccounts accounts) {

    /** An integration's id and its key. */
    record Door(String id, String name, String key) {
    }

    ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    Door integration(String name, String kind) {
        var created = api().post(accounts.admin().token(), "/api/v1/alert-integrations",
                Map.of("name", name, "kind", kind));
        assertThat(created).hasStatus(201);
        var body = api().body(created);
        return new Door(body.get("integration").get("id").asString(), name, body.get("key").asString());
    }

    MvcTestResult send(String path, String key, String body) {
        var request = mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        return request.exchange();
    }

    JsonNode alerts(String source) {
        return api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=" + source));
    }

    JsonNode traffic(Door door) {
        return api().body(api().get(accounts.admin().token(), "/api/v1/alert-integrations/" + door.id()))
                .get("traffic");
    }

    JsonNode body(MvcTestResult result) {
        return api().body(result);
    }
}
