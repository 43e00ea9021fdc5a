package io.opsline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;

/** Checks of how the form fragments ({@code fragments/form.html}) show a field's validation error. */
public final class FormChecks {

    private FormChecks() {
    }

    /**
     * The field with this id shows {@code message} right beside it: the message sits in the field's
     * own {@code .field} box, directly under the input, and the input is marked invalid and points
     * at the message for screen readers.
     */
    public static void assertErrorBeside(Browser browser, String id, String message) {
        var input = browser.byId(id);
        var field = input.findElement(By.xpath("ancestor::div[contains(concat(' ', @class, ' '), ' field ')][1]"));
        var error = field.findElement(By.cssSelector(".field-error"));
        assertThat(error.getText()).as("the message beside " + id).endsWith(message);
        assertThat(error.isDisplayed()).as("the message beside " + id + " is shown").isTrue();
        assertThat(field.getAttribute("class")).contains("has-error");
        assertThat(input.getAttribute("aria-invalid")).as(id + " is marked invalid").isEqualTo("true");
        assertThat(input.getAttribute("aria-describedby")).as(id + " points at its message")
                .isEqualTo(error.getAttribute("id"));
        var gap = error.getRect().getY() - (input.getRect().getY() + input.getRect().getHeight());
        assertThat(gap).as("pixels between " + id + " and its message").isBetween(0, 40);
        assertThat(Math.abs(error.getRect().getX() - input.getRect().getX()))
                .as("the message lines up with " + id).isLessThan(5);
    }
}
