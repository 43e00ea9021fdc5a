package io.opsline.servicedesk.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.identity.Role;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.internal.CommentInput;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/** The incident pages and the portal in a real browser: an operator works an incident, a requester follows theirs. */
@OpslineBrowserTest
class ServiceDeskBrowserIT {

    @Autowired
    TestAccounts accounts;
    @Autowired
    Incidents incidents;

    @Test
    void anOperatorOpensAnIncidentFindsItInTheQueueTakesItAndResolvesIt(Browser browser) {
        var operator = accounts.fresh(Role.OPERATOR);
        var title = unique("Checkout fails");
        browser.signIn(operator).open("/incidents");
        browser.find("[data-testid=new-incident]").click();
        browser.waitForPath("/incidents/new");
        browser.type("#title", title).type("#description", "Every payment ends in error 500 since 09:40");
        assertThat(browser.find("[data-resulting-priority]").getText()).isEqualTo("P3");
        browser.choose("#impact", "high").choose("#urgency", "high");
        browser.waitUntil("the resulting priority shown", d -> browser.find("[data-resulting-priority]").getText()
                .equals("P1"));
        assertThat(browser.find("td.chosen").getAttribute("data-impact")).isEqualTo("high");
        browser.screenshot("incident-form");
        browser.find("[data-testid=create]").click();

        browser.waitUntil("the new incident's page", d -> browser.path().startsWith("/incidents/INC-"));
        var reference = browser.find("[data-testid=reference]").getText();
        assertThat(browser.find(".notice").getText()).isEqualTo("Opened " + reference + " as P1 – Critical.");
        browser.open("/incidents");
        var row = browser.find("tr[data-incident='" + reference + "']");
        assertThat(row.getAttribute("data-priority")).isEqualTo("P1");
        assertThat(row.getText()).contains(title, "New", "No team / nobody");
        browser.screenshot("incidents");

        row.findElement(org.openqa.selenium.By.cssSelector("a[data-incident-link]")).click();
        browser.waitForPath("/incidents/" + reference);
        browser.find("[data-testid=take]").click();
        browser.waitUntil("the incident taken", d -> browser.find(".notice").getText()
                .equals("You have " + reference + " now; it is In progress."));
        assertThat(browser.find("[data-assignee]").getText()).isEqualTo(operator.username());

        browser.choose("#resolutionCode", "solved_workaround");
        browser.type("#resolutionNotes", "Payment provider switched to the fallback endpoint");
        browser.find("button[data-move=resolved]").click();
        browser.waitUntil("the incident resolved", d -> browser.find(".notice").getText()
                .equals(reference + " is Resolved now."));
        assertThat(browser.find("[data-state]").getText()).isEqualTo("Resolved");
        assertThat(browser.findAll("[data-testid=timeline] li").stream().map(WebElement::getText))
                .anyMatch(line -> line.contains("State: In progress → Resolved"));
        assertThat(incidents.get(reference).state()).isEqualTo(IncidentState.RESOLVED);
        browser.screenshot("incident-resolved");
        browser.assertNoConsoleProblems();
    }

    @Test
    void aRequesterLandsOnThePortalOpensATicketAndReadsTheDesksCommentButNotItsWorkNote(Browser browser) {
        var requester = accounts.fresh(Role.REQUESTER);
        var operator = accounts.operator();
        browser.signIn(requester);
        browser.waitForPath("/portal");
        assertThat(browser.findAll(".sidebar a").stream().map(WebElement::getText)).containsExactly("My tickets", "My requests");

        browser.find("[data-testid=new-ticket]").click();
        browser.waitForPath("/portal/new");
        browser.type("#title", "My laptop does not boot").type("#description", "Black screen after the update");
        browser.choose("#urgency", "high");
        browser.find("[data-testid=submit]").click();
        browser.waitUntil("the new ticket's page", d -> browser.path().startsWith("/portal/tickets/INC-"));
        var reference = browser.find("[data-testid=reference]").getText();
        var id = incidents.get(reference).id();

        TestAccounts.actingAs(operator.username(), Role.OPERATOR, () -> incidents.comment(id,
                new CommentInput("Please bring it to room 2.14, we swap it", false), operator.username()));
        TestAccounts.actingAs(operator.username(), Role.OPERATOR, () -> incidents.comment(id,
                new CommentInput("Disk reported SMART errors last week", true), operator.username()));
        browser.driver().navigate().refresh();

        var texts = browser.findAll("[data-testid=timeline] [data-text]").stream().map(WebElement::getText).toList();
        assertThat(texts).contains("Please bring it to room 2.14, we swap it")
                .noneMatch(text -> text.contains("SMART"));
        assertThat(browser.driver().getPageSource()).doesNotContain("SMART errors");
        browser.type("#body", "On my way");
        browser.find("[data-testid=add-comment]").click();
        browser.waitUntil("the answer added", d -> browser.find(".notice").getText()
                .equals("Your comment was added; the service desk sees it."));
        assertThat(browser.findAll("[data-testid=timeline] [data-text]").stream().map(WebElement::getText))
                .contains("On my way");
        browser.screenshot("portal-ticket");
        browser.open("/portal");
        assertThat(browser.find("tr[data-ticket='" + reference + "']").getText()).contains("My laptop does not boot");
        browser.screenshot("portal");
        browser.assertNoConsoleProblems();
    }

    @Test
    void theReportShowsTheBacklogAndDrawsItsCharts(Browser browser) {
        var operator = accounts.fresh(Role.OPERATOR);
        TestAccounts.actingAs(operator.username(), Role.OPERATOR, () -> incidents.create(
                new io.opsline.servicedesk.internal.IncidentInput(unique("Report chart"), null, null, null, "high",
                        "high", null, null, null, null, null),
                operator.username(), io.opsline.servicedesk.internal.OpenedThrough.API, null));

        browser.signIn(operator).open("/servicedesk/report");

        browser.waitUntil("the charts drawn", d -> "3".equals(browser.find("[data-report-charts]")
                .getAttribute("data-drawn")));
        assertThat(browser.findAll("[data-report-charts] canvas")).hasSize(3);
        assertThat(Integer.parseInt(browser.find("[data-backlog] [data-priority=P1] strong").getText())).isPositive();
        browser.screenshot("servicedesk-report");
    }

    @Test
    void anAdminCreatesACustomerWithAContactWhoseIncidentsAreItsAndDeletesAnotherAfterConfirming(Browser browser) {
        var contact = accounts.fresh(Role.REQUESTER);
        var name = unique("Acme");
        browser.signIn(accounts.fresh(Role.ADMIN)).open("/admin/customers");
        browser.find("[data-testid=new-customer]").click();
        browser.waitForPath("/admin/customers/new");
        browser.expectHttpError(422);
        browser.find("[data-testid=save]").click();
        browser.waitUntil("the name refused beside its field", d -> !browser.findAll("#name-error").isEmpty());
        assertThat(browser.find("#name-error").getText()).isEqualTo("is required");

        browser.type("#name", name).type("#description", "Our first customer").type("#contacts", contact.username());
        browser.screenshot("customer-form");
        browser.find("[data-testid=save]").click();
        browser.waitForPath("/admin/customers");
        assertThat(browser.find(".notice").getText()).isEqualTo("Customer " + name + " saved.");
        assertThat(browser.findAll("tr[data-customer-id]").stream().map(WebElement::getText))
                .anyMatch(row -> row.contains(name) && row.contains(contact.username()));

        var incident = TestAccounts.actingAs("admin", Role.ADMIN, () -> incidents.create(
                new io.opsline.servicedesk.internal.IncidentInput(unique("Printer jam"), null, contact.username(),
                        null, null, null, null, null, null, null, null),
                "admin", io.opsline.servicedesk.internal.OpenedThrough.UI, null));
        browser.open("/incidents/" + incident.reference());
        assertThat(browser.find("[data-customer]").getText()).isEqualTo(name);

        var doomed = unique("Doomed");
        browser.open("/admin/customers/new");
        browser.type("#name", doomed).find("[data-testid=save]").click();
        browser.waitForPath("/admin/customers");
        browser.findAll("tr[data-customer-id] a").stream().filter(a -> a.getText().equals(doomed)).findFirst()
                .orElseThrow().click();
        browser.waitUntil("the edit form", d -> browser.path().endsWith("/edit"));
        browser.find("[data-testid=delete]").click();
        var dialog = browser.awaitDialog();
        assertThat(dialog.getText()).isEqualTo("Delete customer " + doomed + "?");
        dialog.accept();
        browser.waitForPath("/admin/customers");
        assertThat(browser.find(".notice").getText()).isEqualTo("Customer " + doomed + " deleted.");
        browser.assertNoConsoleProblems();
    }
}
