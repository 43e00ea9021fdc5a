package io.opsline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * Every endpoint × every role. The policy below is written out by hand, independently of the
 * annotations on the controllers: the first test fails when an endpoint exists without a rule
 * here (or a rule names an endpoint that is gone), the second sends each request as anonymous,
 * requester, viewer, operator and admin and checks who gets in, who is refused, and that nobody gets a 5xx.
 */
@OpslineIntegrationTest
class AuthorizationIT {

    /**
     * The least a caller needs; each role includes those after it. INTEGRATION_KEY: only an alert
     * integration's key opens it, no user's session or API token, whatever the role.
     */
    enum Access {
        PUBLIC, REQUESTER, VIEWER, OPERATOR, ADMIN, INTEGRATION_KEY
    }

    /** Who is calling. */
    enum Caller {
        ANONYMOUS(null), REQUESTER(Role.REQUESTER), VIEWER(Role.VIEWER), OPERATOR(Role.OPERATOR), ADMIN(Role.ADMIN);

        final Role role;

        Caller(Role role) {
            this.role = role;
        }

        boolean satisfies(Access access) {
            return switch (access) {
                case PUBLIC -> true;
                case REQUESTER -> role != null;
                case VIEWER -> role != null && role != Role.REQUESTER;
                case OPERATOR -> role == Role.OPERATOR || role == Role.ADMIN;
                case ADMIN -> role == Role.ADMIN;
                case INTEGRATION_KEY -> false;
            };
        }
    }

    record Rule(String method, String pattern, Access access) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    static final List<Rule> POLICY = List.of(
            // Platform
            rule("GET", "/", Access.REQUESTER),
            rule("ANY", "/error", Access.PUBLIC),
            // Sign-in and the signed-in user's own pages
            rule("GET", "/login", Access.PUBLIC),
            rule("GET", "/account/password", Access.REQUESTER),
            rule("POST", "/account/password", Access.REQUESTER),
            rule("GET", "/account/tokens", Access.REQUESTER),
            rule("POST", "/account/tokens", Access.REQUESTER),
            rule("POST", "/account/tokens/{id}/revoke", Access.REQUESTER),
            // Administration pages
            rule("GET", "/admin/users", Access.ADMIN),
            rule("GET", "/admin/users/new", Access.ADMIN),
            rule("POST", "/admin/users", Access.ADMIN),
            rule("GET", "/admin/users/{id}", Access.ADMIN),
            rule("POST", "/admin/users/{id}", Access.ADMIN),
            rule("POST", "/admin/users/{id}/password", Access.ADMIN),
            rule("POST", "/admin/users/{id}/delete", Access.ADMIN),
            rule("GET", "/admin/teams", Access.ADMIN),
            rule("GET", "/admin/teams/new", Access.ADMIN),
            rule("POST", "/admin/teams", Access.ADMIN),
            rule("GET", "/admin/teams/{id}", Access.ADMIN),
            rule("POST", "/admin/teams/{id}", Access.ADMIN),
            rule("POST", "/admin/teams/{id}/delete", Access.ADMIN),
            rule("GET", "/admin/audit", Access.ADMIN),
            rule("POST", "/admin/audit/verify", Access.ADMIN),
            rule("GET", "/admin/audit.csv", Access.ADMIN),
            // Identity API
            rule("GET", "/api/v1/me", Access.REQUESTER),
            rule("GET", "/api/v1/users", Access.ADMIN),
            rule("POST", "/api/v1/users", Access.ADMIN),
            rule("GET", "/api/v1/users/{id}", Access.ADMIN),
            rule("PUT", "/api/v1/users/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/users/{id}", Access.ADMIN),
            rule("POST", "/api/v1/users/{id}/password", Access.ADMIN),
            rule("GET", "/api/v1/teams", Access.VIEWER),
            rule("GET", "/api/v1/teams/{id}", Access.VIEWER),
            rule("POST", "/api/v1/teams", Access.ADMIN),
            rule("PUT", "/api/v1/teams/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/teams/{id}", Access.ADMIN),
            rule("GET", "/api/v1/tokens", Access.REQUESTER),
            rule("POST", "/api/v1/tokens", Access.REQUESTER),
            rule("DELETE", "/api/v1/tokens/{id}", Access.REQUESTER),
            rule("GET", "/api/v1/audit", Access.ADMIN),
            rule("GET", "/api/v1/audit/verify", Access.ADMIN),
            rule("GET", "/api/v1/audit/export", Access.ADMIN),
            // Inventory pages
            rule("GET", "/cis", Access.VIEWER),
            rule("GET", "/cis/summary", Access.VIEWER),
            rule("GET", "/cis/new", Access.OPERATOR),
            rule("POST", "/cis", Access.OPERATOR),
            rule("GET", "/cis/{id}", Access.VIEWER),
            rule("GET", "/cis/{id}/edit", Access.OPERATOR),
            rule("POST", "/cis/{id}", Access.OPERATOR),
            rule("POST", "/cis/{id}/delete", Access.OPERATOR),
            rule("POST", "/cis/{id}/relationships", Access.OPERATOR),
            rule("POST", "/cis/{id}/relationships/{relationshipId}/delete", Access.OPERATOR),
            rule("GET", "/cis/{id}/relationship-candidates", Access.OPERATOR),
            rule("GET", "/cis/{id}/impact", Access.VIEWER),
            rule("GET", "/inventory/transfer", Access.VIEWER),
            rule("POST", "/inventory/import", Access.OPERATOR),
            rule("GET", "/inventory/export", Access.VIEWER),
            // Inventory API
            rule("GET", "/api/v1/cis", Access.VIEWER),
            rule("POST", "/api/v1/cis", Access.OPERATOR),
            rule("GET", "/api/v1/cis/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/cis/{id}", Access.OPERATOR),
            rule("DELETE", "/api/v1/cis/{id}", Access.OPERATOR),
            rule("GET", "/api/v1/cis/{id}/impact", Access.VIEWER),
            rule("GET", "/api/v1/relationships", Access.VIEWER),
            rule("POST", "/api/v1/relationships", Access.OPERATOR),
            rule("GET", "/api/v1/relationships/{id}", Access.VIEWER),
            rule("DELETE", "/api/v1/relationships/{id}", Access.OPERATOR),
            rule("POST", "/api/v1/import", Access.OPERATOR),
            rule("GET", "/api/v1/export", Access.VIEWER),
            // Monitoring
            rule("GET", "/api/v1/checks", Access.VIEWER),
            rule("POST", "/api/v1/checks", Access.OPERATOR),
            rule("GET", "/api/v1/checks/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/checks/{id}", Access.OPERATOR),
            rule("DELETE", "/api/v1/checks/{id}", Access.OPERATOR),
            rule("GET", "/api/v1/checks/{id}/state", Access.VIEWER),
            rule("GET", "/api/v1/checks/{id}/history", Access.VIEWER),
            rule("POST", "/api/v1/checks/{id}/results", Access.OPERATOR),
            rule("GET", "/api/v1/problems", Access.VIEWER),
            rule("GET", "/api/v1/monitoring/engine", Access.VIEWER),
            rule("GET", "/api/v1/checks/{id}/acknowledgement", Access.VIEWER),
            rule("PUT", "/api/v1/checks/{id}/acknowledgement", Access.OPERATOR),
            rule("DELETE", "/api/v1/checks/{id}/acknowledgement", Access.OPERATOR),
            rule("POST", "/api/v1/acknowledgements", Access.OPERATOR),
            rule("GET", "/api/v1/downtimes", Access.VIEWER),
            rule("POST", "/api/v1/downtimes", Access.OPERATOR),
            rule("GET", "/api/v1/downtimes/{id}", Access.VIEWER),
            rule("DELETE", "/api/v1/downtimes/{id}", Access.OPERATOR),
            rule("GET", "/api/v1/checks/{id}/series", Access.VIEWER),
            rule("GET", "/checks/{id}/series", Access.VIEWER),
            rule("GET", "/checks/{id}/graph", Access.VIEWER),
            rule("GET", "/api/v1/check-templates", Access.VIEWER),
            rule("POST", "/api/v1/check-templates", Access.OPERATOR),
            rule("GET", "/api/v1/check-templates/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/check-templates/{id}", Access.OPERATOR),
            rule("DELETE", "/api/v1/check-templates/{id}", Access.OPERATOR),
            rule("GET", "/api/v1/check-templates/{id}/preview", Access.VIEWER),
            // Monitoring pages
            rule("GET", "/monitoring", Access.VIEWER),
            rule("GET", "/monitoring/stream", Access.VIEWER),
            rule("POST", "/monitoring/acknowledgements", Access.OPERATOR),
            rule("POST", "/monitoring/downtimes", Access.OPERATOR),
            rule("GET", "/monitoring/checks", Access.VIEWER),
            rule("GET", "/monitoring/ci/{id}/checks", Access.VIEWER),
            rule("GET", "/checks/{id}", Access.VIEWER),
            rule("POST", "/checks/{id}/acknowledgement", Access.OPERATOR),
            rule("POST", "/checks/{id}/acknowledgement/delete", Access.OPERATOR),
            rule("GET", "/checks/new", Access.OPERATOR),
            rule("POST", "/checks", Access.OPERATOR),
            rule("GET", "/checks/{id}/edit", Access.OPERATOR),
            rule("POST", "/checks/{id}", Access.OPERATOR),
            rule("POST", "/checks/{id}/delete", Access.OPERATOR),
            // Alerting
            rule("GET", "/api/v1/alerts", Access.VIEWER),
            rule("GET", "/api/v1/alerts/{id}", Access.VIEWER),
            rule("GET", "/api/v1/alerts/{id}/timeline", Access.VIEWER),
            rule("POST", "/api/v1/alerts/{id}/acknowledge", Access.OPERATOR),
            rule("POST", "/api/v1/alerts/{id}/resolve", Access.OPERATOR),
            rule("GET", "/api/v1/alert-integrations", Access.ADMIN),
            rule("POST", "/api/v1/alert-integrations", Access.ADMIN),
            rule("GET", "/api/v1/alert-integrations/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/alert-integrations/{id}", Access.ADMIN),
            rule("POST", "/api/v1/alert-integrations/{id}/key", Access.ADMIN),
            rule("GET", "/ack/{token}", Access.PUBLIC),
            rule("POST", "/ack/{token}", Access.PUBLIC),
            rule("GET", "/api/v1/alert-groups/{id}/escalation", Access.VIEWER),
            rule("POST", "/api/v1/intake/events", Access.INTEGRATION_KEY),
            rule("POST", "/api/v1/intake/alertmanager", Access.INTEGRATION_KEY),
            rule("POST", "/api/v1/intake/pagerduty/v2/enqueue", Access.INTEGRATION_KEY),
            rule("GET", "/api/v1/silences", Access.VIEWER),
            rule("POST", "/api/v1/silences", Access.OPERATOR),
            rule("GET", "/api/v1/silences/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/silences/{id}", Access.OPERATOR),
            rule("POST", "/api/v1/silences/{id}/expire", Access.OPERATOR),
            rule("GET", "/api/v1/inhibition-rules", Access.VIEWER),
            rule("POST", "/api/v1/inhibition-rules", Access.ADMIN),
            rule("GET", "/api/v1/inhibition-rules/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/inhibition-rules/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/inhibition-rules/{id}", Access.ADMIN),
            rule("GET", "/api/v1/maintenance-windows", Access.VIEWER),
            // On-call schedules, escalation policies, routing rules
            rule("GET", "/api/v1/oncall-schedules", Access.VIEWER),
            rule("POST", "/api/v1/oncall-schedules", Access.ADMIN),
            rule("GET", "/api/v1/oncall-schedules/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/oncall-schedules/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/oncall-schedules/{id}", Access.ADMIN),
            rule("POST", "/api/v1/oncall-schedules/{id}/overrides", Access.OPERATOR),
            rule("DELETE", "/api/v1/oncall-schedules/{id}/overrides/{overrideId}", Access.OPERATOR),
            rule("GET", "/api/v1/oncall-schedules/{id}/on-call", Access.VIEWER),
            rule("GET", "/api/v1/oncall-schedules/{id}/shifts", Access.VIEWER),
            rule("GET", "/api/v1/oncall-schedules/{id}/calendar.ics", Access.VIEWER),
            rule("POST", "/api/v1/oncall-schedules/{id}/feed-token", Access.ADMIN),
            rule("GET", "/calendar/oncall/{token}.ics", Access.PUBLIC),
            rule("GET", "/api/v1/escalation-policies", Access.VIEWER),
            rule("POST", "/api/v1/escalation-policies", Access.ADMIN),
            rule("GET", "/api/v1/escalation-policies/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/escalation-policies/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/escalation-policies/{id}", Access.ADMIN),
            rule("GET", "/api/v1/routing-rules", Access.VIEWER),
            rule("POST", "/api/v1/routing-rules", Access.ADMIN),
            rule("GET", "/api/v1/routing-rules/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/routing-rules/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/routing-rules/{id}", Access.ADMIN),
            rule("PUT", "/api/v1/routing-rules/order", Access.ADMIN),
            rule("POST", "/api/v1/routing-rules/test", Access.VIEWER),
            rule("GET", "/api/v1/notification-channels", Access.VIEWER),
            rule("POST", "/api/v1/notification-channels", Access.ADMIN),
            rule("GET", "/api/v1/notification-channels/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/notification-channels/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/notification-channels/{id}", Access.ADMIN),
            rule("POST", "/api/v1/notification-channels/{id}/test", Access.OPERATOR),
            rule("GET", "/api/v1/notification-deliveries", Access.VIEWER),
            rule("GET", "/api/v1/notification-deliveries/{id}", Access.VIEWER),
            rule("POST", "/api/v1/notification-deliveries/{id}/retry", Access.OPERATOR),
            rule("GET", "/api/v1/alert-groups", Access.VIEWER),
            rule("GET", "/api/v1/alert-groups/{id}", Access.VIEWER),
            rule("GET", "/api/v1/alert-groups/{id}/timeline", Access.VIEWER),
            rule("GET", "/api/v1/grouping-rules", Access.VIEWER),
            rule("POST", "/api/v1/grouping-rules", Access.ADMIN),
            rule("GET", "/api/v1/grouping-rules/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/grouping-rules/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/grouping-rules/{id}", Access.ADMIN),
            rule("PUT", "/api/v1/grouping-rules/order", Access.ADMIN),
            rule("POST", "/api/v1/alerts/acknowledge", Access.OPERATOR),
            rule("POST", "/api/v1/alerts/resolve", Access.OPERATOR),
            rule("GET", "/alerts", Access.VIEWER),
            rule("GET", "/alerts/stream", Access.VIEWER),
            rule("POST", "/alerts/acknowledge", Access.OPERATOR),
            rule("POST", "/alerts/resolve", Access.OPERATOR),
            rule("GET", "/alerts/{id}", Access.VIEWER),
            rule("POST", "/alerts/{id}/acknowledge", Access.OPERATOR),
            rule("POST", "/alerts/{id}/resolve", Access.OPERATOR),
            rule("GET", "/alerts/groups", Access.VIEWER),
            rule("GET", "/alerts/groups/{id}", Access.VIEWER),
            rule("POST", "/alerts/groups/{id}/acknowledge", Access.OPERATOR),
            rule("GET", "/alerts/silences", Access.VIEWER),
            rule("GET", "/alerts/silences/new", Access.OPERATOR),
            rule("POST", "/alerts/silences/new", Access.OPERATOR),
            rule("POST", "/alerts/silences", Access.OPERATOR),
            rule("POST", "/alerts/silences/{id}/expire", Access.OPERATOR),
            // Pages for notification channels, on-call schedules, escalation policies and routing rules
            rule("GET", "/alerts/channels", Access.VIEWER),
            rule("GET", "/alerts/channels/new", Access.ADMIN),
            rule("POST", "/alerts/channels", Access.ADMIN),
            rule("GET", "/alerts/channels/{id}/edit", Access.ADMIN),
            rule("POST", "/alerts/channels/{id}", Access.ADMIN),
            rule("POST", "/alerts/channels/{id}/delete", Access.ADMIN),
            rule("POST", "/alerts/channels/{id}/test", Access.OPERATOR),
            rule("GET", "/alerts/channels/deliveries", Access.VIEWER),
            rule("GET", "/alerts/channels/deliveries/{id}", Access.VIEWER),
            rule("POST", "/alerts/channels/deliveries/{id}/retry", Access.OPERATOR),
            rule("GET", "/alerts/oncall", Access.VIEWER),
            rule("GET", "/alerts/oncall/new", Access.ADMIN),
            rule("POST", "/alerts/oncall", Access.ADMIN),
            rule("GET", "/alerts/oncall/{id}", Access.VIEWER),
            rule("GET", "/alerts/oncall/{id}/edit", Access.ADMIN),
            rule("POST", "/alerts/oncall/{id}", Access.ADMIN),
            rule("POST", "/alerts/oncall/{id}/delete", Access.ADMIN),
            rule("POST", "/alerts/oncall/{id}/overrides", Access.OPERATOR),
            rule("POST", "/alerts/oncall/{id}/overrides/{overrideId}/delete", Access.OPERATOR),
            rule("POST", "/alerts/oncall/{id}/feed", Access.ADMIN),
            rule("GET", "/alerts/policies", Access.VIEWER),
            rule("GET", "/alerts/policies/new", Access.ADMIN),
            rule("POST", "/alerts/policies", Access.ADMIN),
            rule("GET", "/alerts/policies/{id}/edit", Access.ADMIN),
            rule("POST", "/alerts/policies/{id}", Access.ADMIN),
            rule("POST", "/alerts/policies/{id}/delete", Access.ADMIN),
            rule("GET", "/alerts/routing", Access.VIEWER),
            rule("GET", "/alerts/routing/new", Access.ADMIN),
            rule("POST", "/alerts/routing", Access.ADMIN),
            rule("GET", "/alerts/routing/{id}/edit", Access.ADMIN),
            rule("POST", "/alerts/routing/{id}", Access.ADMIN),
            rule("POST", "/alerts/routing/{id}/delete", Access.ADMIN),
            rule("POST", "/alerts/routing/{id}/move", Access.ADMIN),
            rule("GET", "/alerts/routing/test", Access.VIEWER),
            // The API description
            rule("GET", "/api/openapi", Access.PUBLIC),
            rule("GET", "/api/openapi.yaml", Access.PUBLIC),
            // Service desk API
            rule("GET", "/api/v1/incidents", Access.VIEWER),
            rule("POST", "/api/v1/incidents", Access.OPERATOR),
            rule("GET", "/api/v1/incidents/{ref}", Access.VIEWER),
            rule("PATCH", "/api/v1/incidents/{ref}", Access.OPERATOR),
            rule("POST", "/api/v1/incidents/{ref}/transition", Access.OPERATOR),
            rule("POST", "/api/v1/incidents/{ref}/acknowledge", Access.OPERATOR),
            rule("GET", "/api/v1/incidents/{ref}/timeline", Access.VIEWER),
            rule("POST", "/api/v1/incidents/{ref}/comments", Access.OPERATOR),
            // Service desk: SLAs
            rule("GET", "/api/v1/incidents/{ref}/sla", Access.VIEWER),
            rule("GET", "/api/v1/business-calendars", Access.VIEWER),
            rule("POST", "/api/v1/business-calendars", Access.ADMIN),
            rule("GET", "/api/v1/business-calendars/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/business-calendars/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/business-calendars/{id}", Access.ADMIN),
            rule("GET", "/api/v1/sla-policies", Access.VIEWER),
            rule("POST", "/api/v1/sla-policies", Access.ADMIN),
            rule("GET", "/api/v1/sla-policies/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/sla-policies/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/sla-policies/{id}", Access.ADMIN),
            rule("GET", "/api/v1/incidents/{ref}/alerts", Access.VIEWER),
            rule("POST", "/api/v1/incidents/{ref}/alerts", Access.OPERATOR),
            rule("GET", "/api/v1/incident-rules", Access.VIEWER),
            rule("POST", "/api/v1/incident-rules", Access.ADMIN),
            rule("GET", "/api/v1/incident-rules/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/incident-rules/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/incident-rules/{id}", Access.ADMIN),
            rule("POST", "/api/v1/incident-rules/{id}/move", Access.ADMIN),
            // Service requests: the catalogue, the desk's API and the portal's
            rule("GET", "/api/v1/request-types", Access.VIEWER),
            rule("POST", "/api/v1/request-types", Access.ADMIN),
            rule("GET", "/api/v1/request-types/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/request-types/{id}", Access.ADMIN),
            rule("GET", "/api/v1/portal/request-types", Access.REQUESTER),
            rule("GET", "/api/v1/requests", Access.VIEWER),
            rule("POST", "/api/v1/requests", Access.OPERATOR),
            rule("GET", "/api/v1/requests/{ref}", Access.VIEWER),
            rule("GET", "/api/v1/requests/{ref}/timeline", Access.VIEWER),
            rule("POST", "/api/v1/requests/{ref}/comments", Access.OPERATOR),
            rule("POST", "/api/v1/requests/{ref}/decision", Access.VIEWER),
            rule("POST", "/api/v1/requests/{ref}/transition", Access.OPERATOR),
            rule("PATCH", "/api/v1/requests/{ref}/tasks/{taskId}", Access.OPERATOR),
            rule("GET", "/api/v1/portal/requests", Access.REQUESTER),
            rule("POST", "/api/v1/portal/requests", Access.REQUESTER),
            rule("GET", "/api/v1/portal/requests/{ref}", Access.REQUESTER),
            rule("POST", "/api/v1/portal/requests/{ref}/comments", Access.REQUESTER),
            rule("POST", "/api/v1/portal/requests/{ref}/cancel", Access.REQUESTER),
            // Service request pages: the desk's, the catalogue's and the portal's
            rule("GET", "/requests", Access.VIEWER),
            rule("GET", "/requests/{ref}", Access.VIEWER),
            rule("POST", "/requests/{ref}/decision", Access.VIEWER),
            rule("POST", "/requests/{ref}/tasks/{taskId}", Access.OPERATOR),
            rule("POST", "/requests/{ref}/transition", Access.OPERATOR),
            rule("POST", "/requests/{ref}/comments", Access.OPERATOR),
            rule("GET", "/admin/request-types", Access.ADMIN),
            rule("GET", "/admin/request-types/new", Access.ADMIN),
            rule("POST", "/admin/request-types", Access.ADMIN),
            rule("GET", "/admin/request-types/{id}/edit", Access.ADMIN),
            rule("POST", "/admin/request-types/{id}", Access.ADMIN),
            rule("GET", "/portal/requests", Access.REQUESTER),
            rule("GET", "/portal/requests/new", Access.REQUESTER),
            rule("POST", "/portal/requests", Access.REQUESTER),
            rule("GET", "/portal/requests/{ref}", Access.REQUESTER),
            rule("POST", "/portal/requests/{ref}/comments", Access.REQUESTER),
            rule("POST", "/portal/requests/{ref}/cancel", Access.REQUESTER),
            rule("GET", "/api/v1/servicedesk/report", Access.VIEWER),
            rule("GET", "/api/v1/servicedesk/report.csv", Access.VIEWER),
            rule("GET", "/servicedesk/report", Access.VIEWER),
            rule("GET", "/servicedesk/report.csv", Access.VIEWER),
            // Service desk: problems and known errors
            rule("GET", "/api/v1/servicedesk/problems", Access.VIEWER),
            rule("POST", "/api/v1/servicedesk/problems", Access.OPERATOR),
            rule("GET", "/api/v1/servicedesk/problems/{ref}", Access.VIEWER),
            rule("PATCH", "/api/v1/servicedesk/problems/{ref}", Access.OPERATOR),
            rule("POST", "/api/v1/servicedesk/problems/{ref}/transition", Access.OPERATOR),
            rule("POST", "/api/v1/servicedesk/problems/{ref}/incidents", Access.OPERATOR),
            rule("DELETE", "/api/v1/servicedesk/problems/{ref}/incidents/{incident}", Access.OPERATOR),
            rule("GET", "/api/v1/servicedesk/problems/{ref}/timeline", Access.VIEWER),
            rule("GET", "/api/v1/incidents/{ref}/known-errors", Access.VIEWER),
            rule("GET", "/problems", Access.VIEWER),
            rule("GET", "/problems/new", Access.OPERATOR),
            rule("POST", "/problems", Access.OPERATOR),
            rule("GET", "/problems/{ref}", Access.VIEWER),
            rule("GET", "/problems/{ref}/edit", Access.OPERATOR),
            rule("POST", "/problems/{ref}/edit", Access.OPERATOR),
            rule("POST", "/problems/{ref}/transition", Access.OPERATOR),
            rule("POST", "/problems/{ref}/incidents", Access.OPERATOR),
            rule("POST", "/problems/{ref}/incidents/{incident}/unlink", Access.OPERATOR),
            // Service desk: knowledge base and runbooks
            rule("GET", "/api/v1/articles", Access.VIEWER),
            rule("POST", "/api/v1/articles", Access.OPERATOR),
            rule("GET", "/api/v1/articles/applicable", Access.VIEWER),
            rule("GET", "/api/v1/articles/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/articles/{id}", Access.OPERATOR),
            rule("GET", "/api/v1/articles/{id}/versions", Access.VIEWER),
            rule("GET", "/api/v1/articles/{id}/versions/{version}", Access.VIEWER),
            rule("GET", "/knowledge", Access.VIEWER),
            rule("GET", "/knowledge/applicable", Access.VIEWER),
            rule("GET", "/knowledge/new", Access.OPERATOR),
            rule("POST", "/knowledge", Access.OPERATOR),
            rule("GET", "/knowledge/{id}", Access.VIEWER),
            rule("GET", "/knowledge/{id}/edit", Access.OPERATOR),
            rule("POST", "/knowledge/{id}/edit", Access.OPERATOR),
            // Service desk: incident pages, the self-service portal and its API
            rule("GET", "/incidents", Access.VIEWER),
            rule("GET", "/incidents/new", Access.OPERATOR),
            rule("POST", "/incidents", Access.OPERATOR),
            rule("GET", "/incidents/{ref}", Access.VIEWER),
            rule("POST", "/incidents/{ref}", Access.OPERATOR),
            rule("POST", "/incidents/{ref}/transition", Access.OPERATOR),
            rule("POST", "/incidents/{ref}/acknowledge", Access.OPERATOR),
            rule("POST", "/incidents/{ref}/comments", Access.OPERATOR),
            rule("GET", "/portal", Access.REQUESTER),
            rule("GET", "/portal/new", Access.REQUESTER),
            rule("POST", "/portal/tickets", Access.REQUESTER),
            rule("GET", "/portal/tickets/{ref}", Access.REQUESTER),
            rule("POST", "/portal/tickets/{ref}/comments", Access.REQUESTER),
            rule("GET", "/api/v1/portal/tickets", Access.REQUESTER),
            rule("POST", "/api/v1/portal/tickets", Access.REQUESTER),
            rule("GET", "/api/v1/portal/tickets/{ref}", Access.REQUESTER),
            rule("POST", "/api/v1/portal/tickets/{ref}/comments", Access.REQUESTER),
            // Service desk: post-incident reviews; an action item's owner may mark it done whatever their role
            rule("GET", "/api/v1/incidents/{ref}/review", Access.VIEWER),
            rule("POST", "/api/v1/incidents/{ref}/review", Access.OPERATOR),
            rule("PUT", "/api/v1/incidents/{ref}/review", Access.OPERATOR),
            rule("POST", "/api/v1/incidents/{ref}/review/actions", Access.OPERATOR),
            rule("GET", "/api/v1/action-items", Access.VIEWER),
            rule("PATCH", "/api/v1/action-items/{id}", Access.VIEWER),
            rule("GET", "/incidents/{ref}/review", Access.VIEWER),
            rule("POST", "/incidents/{ref}/review", Access.OPERATOR),
            rule("POST", "/incidents/{ref}/review/start", Access.OPERATOR),
            rule("POST", "/incidents/{ref}/review/actions", Access.OPERATOR),
            rule("POST", "/action-items/{id}", Access.VIEWER),
            rule("GET", "/reviews", Access.VIEWER),
            // Service desk: incident attachments (uploads are multipart; the empty JSON body sent here is a 4xx)
            rule("GET", "/api/v1/incidents/{ref}/attachments", Access.VIEWER),
            rule("POST", "/api/v1/incidents/{ref}/attachments", Access.OPERATOR),
            rule("GET", "/api/v1/incidents/{ref}/attachments/{id}", Access.VIEWER),
            rule("POST", "/incidents/{ref}/attachments", Access.OPERATOR),
            rule("GET", "/incidents/{ref}/attachments/{id}", Access.VIEWER),
            // Service desk: customers (the desk reads them, admins keep them)
            rule("GET", "/api/v1/customers", Access.VIEWER),
            rule("POST", "/api/v1/customers", Access.ADMIN),
            rule("GET", "/api/v1/customers/{ref}", Access.VIEWER),
            rule("PUT", "/api/v1/customers/{ref}", Access.ADMIN),
            rule("DELETE", "/api/v1/customers/{ref}", Access.ADMIN),
            rule("GET", "/admin/customers", Access.ADMIN),
            rule("GET", "/admin/customers/new", Access.ADMIN),
            rule("POST", "/admin/customers", Access.ADMIN),
            rule("GET", "/admin/customers/{id}/edit", Access.ADMIN),
            rule("POST", "/admin/customers/{id}", Access.ADMIN),
            rule("POST", "/admin/customers/{id}/delete", Access.ADMIN),
            // Metrics: graphs and threshold rules (everyone signed in reads them, admins keep rules)
            rule("GET", "/metrics/explore", Access.VIEWER),
            rule("GET", "/metrics/ci/{id}", Access.VIEWER),
            rule("GET", "/metrics/rules", Access.VIEWER),
            rule("GET", "/metrics/rules/new", Access.ADMIN),
            rule("POST", "/metrics/rules", Access.ADMIN),
            rule("GET", "/metrics/rules/{id}/edit", Access.ADMIN),
            rule("POST", "/metrics/rules/{id}", Access.ADMIN),
            rule("POST", "/metrics/rules/{id}/delete", Access.ADMIN),
            rule("GET", "/api/v1/metric-rules", Access.VIEWER),
            rule("POST", "/api/v1/metric-rules", Access.ADMIN),
            rule("GET", "/api/v1/metric-rules/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/metric-rules/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/metric-rules/{id}", Access.ADMIN),
            rule("GET", "/api/v1/metric-rules/{id}/states", Access.VIEWER),
            rule("GET", "/api/v1/query", Access.VIEWER),
            rule("GET", "/api/v1/query_range", Access.VIEWER),
            rule("GET", "/api/v1/series", Access.VIEWER),
            rule("GET", "/api/v1/labels", Access.VIEWER),
            rule("POST", "/api/v1/query", Access.VIEWER),
            rule("POST", "/api/v1/query_range", Access.VIEWER),
            rule("POST", "/api/v1/series", Access.VIEWER),
            rule("POST", "/api/v1/labels", Access.VIEWER),
            rule("GET", "/api/v1/label/{name}/values", Access.VIEWER),
            rule("GET", "/api/v1/metadata", Access.VIEWER),
            rule("GET", "/metrics/api/v1/query", Access.VIEWER),
            rule("GET", "/metrics/api/v1/query_range", Access.VIEWER),
            rule("GET", "/metrics/api/v1/series", Access.VIEWER),
            rule("GET", "/metrics/api/v1/labels", Access.VIEWER),
            rule("POST", "/metrics/api/v1/query", Access.VIEWER),
            rule("POST", "/metrics/api/v1/query_range", Access.VIEWER),
            rule("POST", "/metrics/api/v1/series", Access.VIEWER),
            rule("POST", "/metrics/api/v1/labels", Access.VIEWER),
            rule("GET", "/metrics/api/v1/label/{name}/values", Access.VIEWER),
            rule("GET", "/metrics/api/v1/metadata", Access.VIEWER),
            rule("GET", "/api/v1/status/buildinfo", Access.VIEWER),
            rule("GET", "/api/v1/metrics/status", Access.VIEWER),
            rule("POST", "/api/v1/write", Access.OPERATOR),
            rule("GET", "/api/v1/scrape-targets", Access.VIEWER),
            rule("POST", "/api/v1/scrape-targets", Access.ADMIN),
            rule("GET", "/api/v1/scrape-targets/{id}", Access.VIEWER),
            rule("PUT", "/api/v1/scrape-targets/{id}", Access.ADMIN),
            rule("DELETE", "/api/v1/scrape-targets/{id}", Access.ADMIN),
            rule("GET", "/metrics/targets", Access.VIEWER),
            rule("GET", "/metrics/targets/new", Access.ADMIN),
            rule("POST", "/metrics/targets", Access.ADMIN),
            rule("GET", "/metrics/targets/{id}/edit", Access.ADMIN),
            rule("POST", "/metrics/targets/{id}", Access.ADMIN),
            rule("POST", "/metrics/targets/{id}/delete", Access.ADMIN));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointHasExactlyOneRuleAndEveryRuleAnEndpoint() {
        var mapped = new TreeSet<String>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> {
                    var methods = info.getMethodsCondition().getMethods();
                    for (var pattern : info.getPatternValues()) {
                        if (methods.isEmpty()) {
                            mapped.add("ANY " + pattern);
                        } else {
                            methods.forEach(m -> mapped.add(m.name() + " " + pattern));
                        }
                    }
                }));
        var ruled = new TreeSet<String>();
        POLICY.forEach(rule -> assertThat(ruled.add(rule.toString())).as("rule listed twice: " + rule).isTrue());
        assertThat(ruled).as("endpoints and the authorization policy in this test").isEqualTo(mapped);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> everyRuleForEveryCaller() {
        var cases = new ArrayList<org.junit.jupiter.params.provider.Arguments>();
        for (var rule : POLICY) {
            for (var caller : Caller.values()) {
                cases.add(org.junit.jupiter.params.provider.Arguments.of(rule, caller));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("everyRuleForEveryCaller")
    void callersGetExactlyTheAccessThePolicyGrants(Rule rule, Caller caller) {
        var result = send(rule, caller);
        var status = result.getResponse().getStatus();
        var api = rule.pattern().startsWith("/api/");
        if (caller.satisfies(rule.access())) {
            assertThat(status).as("%s as %s must be let in", rule, caller).isNotIn(401, 403);
            assertThat(redirectsToSignIn(result)).as("%s as %s must not be sent to sign in", rule, caller).isFalse();
            if (!rule.pattern().equals("/error")) {
                assertThat(status).as("%s as %s must not fail on the server", rule, caller).isLessThan(500);
            }
        } else if (caller == Caller.ANONYMOUS || rule.access() == Access.INTEGRATION_KEY) {
            if (api) {
                assertThat(status).as("%s anonymously", rule).isEqualTo(401);
                assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            } else {
                assertThat(redirectsToSignIn(result)).as("%s anonymously must lead to sign-in", rule).isTrue();
            }
        } else {
            assertThat(status).as("%s as %s must be refused", rule, caller).isEqualTo(403);
        }
    }

    @Test
    void healthIsPublicButOnlyAdminsSeeItsDetails() throws Exception {
        var anonymous = mvc.get().uri("/actuator/health").exchange();
        assertThat(anonymous).hasStatusOk();
        assertThat(anonymous.getResponse().getContentAsString()).contains("\"status\":\"UP\"").doesNotContain("components");
        var admin = mvc.get().uri("/actuator/health").with(user(accounts.admin().username()).roles("ADMIN")).exchange();
        assertThat(admin.getResponse().getContentAsString()).contains("components");
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        for (var path : Set.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops")) {
            var result = mvc.get().uri(path).with(user(accounts.admin().username()).roles("ADMIN")).exchange();
            assertThat(result.getResponse().getStatus()).as(path).isEqualTo(404);
        }
    }

    private MvcTestResult send(Rule rule, Caller caller) {
        var path = rule.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        var method = rule.method().equals("ANY") ? "GET" : rule.method();
        var request = mvc.method(HttpMethod.valueOf(method)).uri(path);
        if (rule.pattern().startsWith("/api/")) {
            if (caller.role != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, accounts.of(caller.role).bearer());
            }
            if (rule.pattern().equals("/api/v1/import")) {
                request = request.contentType("text/csv").content("class,name\n");
            } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                request = request.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        } else {
            if (caller.role != null) {
                request = request.with(user(accounts.of(caller.role).username()).roles(caller.role.name()));
            }
            if (!method.equals("GET")) {
                request = request.with(csrf());
            }
        }
        // A stream of server-sent events stays open: what matters is whether it was let in.
        return rule.pattern().endsWith("/stream") ? request.asyncExchange() : request.exchange();
    }

    private static boolean redirectsToSignIn(MvcTestResult result) {
        var location = result.getResponse().getHeader(HttpHeaders.LOCATION);
        return result.getResponse().getStatus() / 100 == 3 && location != null && location.endsWith("/login");
    }

    private static Rule rule(String method, String pattern, Access access) {
        return new Rule(method, pattern, access);
    }
}
