package io.opsline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium pointed at the running application, with the few moves browser tests make
 * again and again: open a page, sign in, wait for something to appear, press keys, take a
 * screenshot for a human to look at. Use {@link #driver()} for anything else.
 */
public final class Browser implements AutoCloseable {

    /** How long to wait for a page or an htmx swap; generous because CI machines are shared. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Exactly these, so Chromium never talks to the network on its own account. */
    private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
            "--disable-sync", "--window-size=1400,1000");
    private static final int MAX_SCREENSHOT_HEIGHT = 8000;

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private final Path screenshots;
    private final Set<Integer> expectedHttpErrors = new HashSet<>();

    private Browser(ChromeDriverService service, ChromeDriver driver, String baseUrl, Path profile) {
        this.service = service;
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots", TestDatabase.engine());
    }

    static Browser start(Path chromium, Path chromedriver, String baseUrl) {
        Path profile;
        try {
            profile = Files.createTempDirectory("opsline-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(CHROMIUM_FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        // Even so Chromium looks up Google hosts (autofill, component and extension updates). A proxy
        // that leads nowhere, set as a preference rather than a flag, for the profile and for the
        // browser-wide (local state) requests, stops that; 127.0.0.1, where the application runs, is
        // reached directly.
        var nowhere = Map.of("proxy", Map.of("mode", "fixed_servers", "server", "127.0.0.1:9",
                "bypass_list", "127.0.0.1;localhost"));
        options.setExperimentalOption("prefs", nowhere);
        options.setExperimentalOption("localState", nowhere);
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        // An explicit driver executable keeps Selenium Manager (which would download drivers) out of it.
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .build();
        try {
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(TIMEOUT);
            return new Browser(service, driver, baseUrl, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Loads {@code path} (e.g. {@code /cis?q=web}) as if typed into the address bar, and waits until
     * the page it leads to has loaded. Chromedriver's own wait has come back while the page before
     * was still shown (after a sign-in's redirect, after a form's), so the page being left is marked
     * and the wait is for a page without the mark.
     */
    public Browser open(String path) {
        driver.executeScript("window.opslineLeaving = true;");
        driver.get(baseUrl + path);
        waitUntil(path + " to load", d -> Boolean.TRUE.equals(driver.executeScript(
                "return window.opslineLeaving === undefined && document.readyState === 'complete';")));
        return this;
    }

    /** The current address without scheme, host and port, e.g. {@code /cis?q=web}. */
    public String path() {
        var uri = URI.create(driver.getCurrentUrl());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element with this id; ids such as {@code lifecycle.purchaseDate} need no escaping here. */
    public WebElement byId(String id) {
        return driver.findElement(By.xpath("//*[@id='" + id + "']"));
    }

    /** Waits until {@code condition} returns something other than null or false, and returns it. */
    public <T> T waitUntil(String what, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT)
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * Clicks the element {@code css} finds. Live tables replace their rows when they refresh, so an element found a
     * moment ago may be gone by the click; it is then found again.
     */
    public void click(String css) {
        waitUntil("'" + css + "' clicked", d -> {
            find(css).click();
            return true;
        });
    }

    /** Waits for an element to be shown and returns it. */
    public WebElement waitFor(String css) {
        return waitUntil("'" + css + "' to be shown", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the page's address is {@code path}, query included. */
    public void waitForPath(String path) {
        waitUntil("the address to become " + path + " (it is " + driver.getCurrentUrl() + ")", d -> path().equals(path));
    }

    /** Replaces the text in a field as a person would: select all, type. */
    public Browser type(String css, String text) {
        var field = find(css);
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
        return this;
    }

    /**
     * Sets a native picker (date, colour) the way choosing in it would. Typing into a date field
     * depends on the browser's locale; the value a picker produces does not.
     */
    public Browser pick(String id, String value) {
        driver.executeScript("""
                var field = arguments[0];
                field.value = arguments[1];
                field.dispatchEvent(new Event('input', {bubbles: true}));
                field.dispatchEvent(new Event('change', {bubbles: true}));""", byId(id), value);
        return this;
    }

    public Browser choose(String css, String value) {
        new Select(find(css)).selectByValue(value);
        return this;
    }

    /** Presses keys wherever the focus is, e.g. {@code press(Keys.TAB)}. */
    public Browser press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** A computed CSS property of an element, e.g. {@code outline-style}. */
    public String style(WebElement element, String property) {
        return (String) driver.executeScript("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);",
                element, property);
    }

    /** Signs in through the sign-in form and waits until the browser has left it. */
    public Browser signIn(String username, String password) {
        open("/login");
        type("#username", username);
        type("#password", password);
        find("form button[type=submit]").click();
        waitUntil("to leave the sign-in page as " + username, d -> !path().startsWith("/login"));
        return this;
    }

    public Browser signIn(TestAccounts.Account account) {
        return signIn(account.username(), account.password());
    }

    public Browser signInAsAdmin() {
        return signIn("admin", TestDatabase.ADMIN_PASSWORD);
    }

    /** Waits for a JavaScript confirm (or alert) dialog and returns it, to accept or dismiss. */
    public Alert awaitDialog() {
        return waitUntil("a confirm dialog", ExpectedConditions.alertIsPresent());
    }

    /**
     * Chooses the colour theme as the theme button would (stored in localStorage) and reloads, or
     * with {@code "system"} forgets the choice.
     */
    public Browser useTheme(String theme) {
        driver.executeScript("system".equals(theme) ? "localStorage.removeItem('opsline-theme');"
                : "localStorage.setItem('opsline-theme', arguments[0]);", theme);
        driver.navigate().refresh();
        return this;
    }

    /** Makes the page see {@code prefers-color-scheme: dark} (or light), like an OS setting would. */
    public Browser preferColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        return this;
    }

    /**
     * Saves the whole page (not just the window) as {@code target/screenshots/<engine>/<name>.png}
     * for a human to review.
     */
    public Path screenshot(String name) {
        var file = screenshots.resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, fullPagePng());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private byte[] fullPagePng() {
        // From the top: a page scrolled down (e.g. to #relationships) would get its sticky header
        // painted across the middle of the picture.
        var scrolled = driver.executeScript("var y = window.scrollY; window.scrollTo(0, 0); return y;");
        try {
            return capture();
        } finally {
            driver.executeScript("window.scrollTo(0, arguments[0]);", scrolled);
        }
    }

    private byte[] capture() {
        try {
            @SuppressWarnings("unchecked")
            var size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            var width = ((Number) size.get("width")).doubleValue();
            var height = Math.min(((Number) size.get("height")).doubleValue(), MAX_SCREENSHOT_HEIGHT);
            var shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (WebDriverException | ClassCastException | NullPointerException e) {
            return driver.getScreenshotAs(OutputType.BYTES);
        }
    }

    /** Lets this test's pages fail to load with {@code status} (e.g. 403) without failing the console check. */
    public void expectHttpError(int status) {
        expectedHttpErrors.add(status);
    }

    /**
     * Console messages since the last look that show something is wrong: any Content-Security-Policy
     * violation, and any error (JavaScript errors, resources that failed to load) other than an
     * expected HTTP error status.
     */
    public List<String> consoleProblems() {
        var problems = new ArrayList<String>();
        for (var entry : driver.manage().logs().get(LogType.BROWSER)) {
            var message = entry.getMessage();
            var cspViolation = message.contains("Content Security Policy") || message.contains("Content-Security-Policy");
            var error = entry.getLevel().intValue() >= Level.SEVERE.intValue();
            var expected = expectedHttpErrors.stream().anyMatch(status -> message.contains("status of " + status + " "));
            if (cspViolation || (error && !expected)) {
                problems.add(entry.getLevel() + " " + message);
            }
        }
        return problems;
    }

    /** Fails when the console shows problems (see {@link #consoleProblems()}). */
    public void assertNoConsoleProblems() {
        closeDialogs();
        var problems = consoleProblems();
        if (!problems.isEmpty()) {
            throw new AssertionError("The browser console reported problems on " + driver.getCurrentUrl() + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** Forgets everything a previous test left behind: session cookie, stored theme, emulated media, console. */
    void reset() {
        closeDialogs();
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", baseUrl, "storageTypes", "all"));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER);
        expectedHttpErrors.clear();
    }

    /** Keeps a screenshot and the HTML of the page a failed test ended on, next to the screenshots. */
    void saveFailure(String name) {
        try {
            closeDialogs();
            screenshot("failures/" + name);
            Files.writeString(screenshots.resolve("failures/" + name + ".html"),
                    "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            // A failure picture is a courtesy; the test's own failure is what matters.
        }
    }

    private void closeDialogs() {
        try {
            driver.switchTo().alert().dismiss();
        } catch (NoAlertPresentException e) {
            // none open
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
