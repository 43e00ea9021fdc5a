package io.opsline.servicedesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/** Request types and requests for tests, made through the API as an admin and an operator would. */
record RequestFixtures(ApiCalls api, TestAccounts accounts) {

    /** A type named {@code name} with the given extra settings (approver, tasks, ...) and fields. */
    JsonNode type(String name, Map<String, Object> settings, List<Map<String, Object>> fields) {
        var body = new HashMap<String, Object>(settings);
        body.put("name", name);
        body.put("fields", fields);
        var created = api.post(accounts.admin().token(), "/api/v1/request-types", body);
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    /** A request opened in the portal by the requester holding {@code token}. */
    JsonNode open(String token, String type, Map<String, Object> values) {
        var created = api.post(token, "/api/v1/portal/requests", Map.of("type", type, "values", values));
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    static Map<String, Object> field(String key, String type, boolean required, Object... extra) {
        var field = new HashMap<String, Object>(Map.of("key", key, "label", key, "type", type, "required", required));
        for (var i = 0; i < extra.length; i += 2) {
            field.put((String) extra[i], extra[i + 1]);
        }
        return field;
    }
}
