package io.opsline.alerting.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/** Schedules and policies made over REST, with unique names, for the on-call and routing tests. */
public record OnCallFixtures(ApiCalls api, TestAccounts accounts) {

    /** A daily 09:00 rotation in the given zone, starting on a day at 09:00 local time. */
    public static Map<String, Object> dailyLayer(String name, String start, String... userIds) {
        return Map.of("name", name, "participants", List.of(userIds), "rotation", "daily", "handoffTime", "09:00",
                "start", start);
    }

    public static Map<String, Object> schedule(String name, String zone, List<Map<String, Object>> layers) {
        return Map.of("name", name, "timeZone", zone, "layers", layers);
    }

    /** Creates a schedule as admin and returns the answer (schedule and feed token). */
    public JsonNode createSchedule(Map<String, Object> schedule) {
        var created = api.post(accounts.admin().token(), "/api/v1/oncall-schedules", schedule);
        assertThat(created).as("schedule created").hasStatus(201);
        return api.body(created);
    }

    /** A new notification channel of this kind (email, slack, …); its id. */
    public String channel(String kind) {
        var input = kind.equals("email")
                ? Map.<String, Object>of("name", ApiCalls.unique("mail"), "kind", "email", "smtpHost", "127.0.0.1",
                        "smtpSecurity", "none", "fromAddress", "opsline@example.org")
                : Map.<String, Object>of("name", ApiCalls.unique(kind), "kind", kind,
                        "url", "https://hooks.example.org/" + kind);
        var created = api.post(accounts.admin().token(), "/api/v1/notification-channels", input);
        assertThat(created).as("channel created").hasStatus(201);
        var body = api.body(created);
        return (body.has("channel") ? body.get("channel") : body).get("id").asString();
    }

    /** A one-level policy paging a user by email through the given channel id. */
    public static Map<String, Object> policy(String name, String userId, String channelId) {
        return Map.of("name", name, "levels", List.of(Map.of("delayMinutes", 15, "targets",
                List.of(Map.of("type", "user", "id", userId, "via", channelId)))));
    }

    public String createPolicy(Map<String, Object> policy) {
        var created = api.post(accounts.admin().token(), "/api/v1/escalation-policies", policy);
        assertThat(created).as("policy created").hasStatus(201);
        return api.body(created).get("id").asString();
    }

    /** The audited actions on one entity, newest first. */
    public List<String> auditedActions(String entityType, String id) {
        return api.body(api.get(accounts.admin().token(), "/api/v1/audit?entityType=" + entityType + "&entityId=" + id))
                .get("items").valueStream().map(r -> r.get("action").asString()).toList();
    }
}
