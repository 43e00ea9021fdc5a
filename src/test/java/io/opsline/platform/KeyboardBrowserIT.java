package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class KeyboardBrowserIT {

    @Autowired
    TestAccounts accounts;

    @Test
    void theFirstTabReachesSkipToContentAndEnterMovesTheFocusToTheMainContent(Browser browser) {
        browser.signIn(accounts.operator()).open("/cis");

        browser.press(Keys.TAB);

        var skip = browser.focused();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        assertThat(skip.getAttribute("class")).contains("skip-link");
        assertThat(skip.getRect().getX()).as("shown on screen once focused").isGreaterThanOrEqualTo(0);
        assertThat(skip.isDisplayed()).isTrue();
        assertVisibleOutline(browser, skip);
        browser.screenshot("skip-link-focused");

        browser.press(Keys.ENTER);

        browser.waitUntil("main to have the focus", d -> "main".equals(browser.focused().getAttribute("id")));
        browser.press(Keys.TAB);
        assertThat((Boolean) browser.script("return document.querySelector('main').contains(document.activeElement);"))
                .as("the next Tab stays in the content, past the navigation").isTrue();
    }

    @Test
    void signingInNeedsOnlyTheKeyboard(Browser browser) {
        var operator = accounts.operator();
        browser.open("/login");
        browser.waitUntil("the username field to have the focus",
                d -> "username".equals(browser.focused().getAttribute("id")));

        browser.press(operator.username(), Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("password");
        browser.press(operator.password(), Keys.ENTER);

        browser.waitForPath("/monitoring");
        assertThat(browser.find("[data-testid=signed-in-user]").getText()).isEqualTo(operator.username());
    }

    @Test
    void everythingTheTabKeyReachesShowsAVisibleFocusOutline(Browser browser) {
        browser.signIn(accounts.operator()).open("/cis");

        // Tab through the whole page, until the focus leaves it (the body has it again).
        var reached = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            browser.press(Keys.TAB);
            var focused = browser.focused();
            if (focused.getTagName().equals("body")) {
                break;
            }
            reached.add(describe(focused));
            assertVisibleOutline(browser, focused);
        }

        assertThat(reached).as("links, buttons and form fields were all reached")
                .anyMatch(s -> s.startsWith("a "))
                .anyMatch(s -> s.startsWith("button "))
                .anyMatch(s -> s.startsWith("input "))
                .anyMatch(s -> s.startsWith("select "));
    }

    static void assertVisibleOutline(Browser browser, WebElement element) {
        var what = describe(element);
        assertThat(browser.style(element, "outline-style")).as("outline of focused " + what).isNotEqualTo("none");
        assertThat(Double.parseDouble(browser.style(element, "outline-width").replace("px", "")))
                .as("outline width of focused " + what).isGreaterThanOrEqualTo(2);
    }

    static String describe(WebElement element) {
        var text = element.getText().isBlank() ? element.getDomAttribute("name") : element.getText();
        return element.getTagName() + " '" + text + "'";
    }
}
