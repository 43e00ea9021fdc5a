package io.opsline.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives browser tests a {@link Browser}: one headless Chromium per test class, started on first use
 * and quit after the class; reset (no cookies, no stored theme) before every test, checked for
 * console errors and Content-Security-Policy violations after every test, and photographed when a
 * test fails. Skips the tests when no Chromium or chromedriver is found, but fails them under CI
 * ({@code CI=true}), so a CI run can never pass by not running them.
 */
public class BrowserExtension implements ExecutionCondition, ParameterResolver, BeforeEachCallback,
        AfterTestExecutionCallback, AfterEachCallback {

    public static final String CHROMIUM_VARIABLE = "OPSLINE_TEST_CHROMIUM";
    public static final String CHROMEDRIVER_VARIABLE = "OPSLINE_TEST_CHROMEDRIVER";

    private static final String[] CHROMIUM_COMMANDS = {"chromium", "chromium-browser"};
    private static final String[] CHROMEDRIVER_COMMANDS = {"chromedriver"};
    private static final Namespace NAMESPACE = Namespace.create(BrowserExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(System::getenv);
    }

    static ConditionEvaluationResult evaluate(Function<String, String> environment) {
        var chromium = locate(environment, CHROMIUM_VARIABLE, CHROMIUM_COMMANDS);
        var chromedriver = locate(environment, CHROMEDRIVER_VARIABLE, CHROMEDRIVER_COMMANDS);
        if (chromium.isPresent() && chromedriver.isPresent()) {
            return ConditionEvaluationResult.enabled("runs in " + chromium.get() + " via " + chromedriver.get());
        }
        var missing = new ArrayList<String>();
        if (chromium.isEmpty()) {
            missing.add("Chromium (set " + CHROMIUM_VARIABLE + " or put 'chromium' on the PATH)");
        }
        if (chromedriver.isEmpty()) {
            missing.add("chromedriver (set " + CHROMEDRIVER_VARIABLE + " or put 'chromedriver' on the PATH)");
        }
        var reason = "Browser tests need " + String.join(" and ", missing)
                + "; on Debian: apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(environment.apply("CI"))) {
            throw new IllegalStateException(reason + ". CI=true requires the browser tests to run (.ci/run installs them)");
        }
        return ConditionEvaluationResult.disabled("Browser tests skipped. " + reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var classContext = classContext(context);
        return classContext.getStore(NAMESPACE).computeIfAbsent(Browser.class, key -> start(classContext), Browser.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser(context).ifPresent(Browser::reset);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            browser(context).ifPresent(browser -> browser.saveFailure(
                    context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        browser(context).ifPresent(Browser::assertNoConsoleProblems);
    }

    private static Browser start(ExtensionContext classContext) {
        var port = SpringExtension.getApplicationContext(classContext).getEnvironment()
                .getRequiredProperty("local.server.port");
        var chromium = locate(System::getenv, CHROMIUM_VARIABLE, CHROMIUM_COMMANDS).orElseThrow();
        var chromedriver = locate(System::getenv, CHROMEDRIVER_VARIABLE, CHROMEDRIVER_COMMANDS).orElseThrow();
        return Browser.start(chromium, chromedriver, "http://127.0.0.1:" + port);
    }

    private static Optional<Browser> browser(ExtensionContext context) {
        return Optional.ofNullable(classContext(context).getStore(NAMESPACE).get(Browser.class, Browser.class));
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        var current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /**
     * The executable named by {@code variable}, else the first of {@code commands} on the PATH. A
     * variable naming something that is not an executable is a mistake worth stopping for.
     */
    static Optional<Path> locate(Function<String, String> environment, String variable, String... commands) {
        var configured = environment.apply(variable);
        if (configured != null && !configured.isBlank()) {
            var path = Path.of(configured);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IllegalStateException(variable + "=" + configured + " is not an executable file");
            }
            return Optional.of(path);
        }
        var searchPath = environment.apply("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (var command : commands) {
            for (var directory : searchPath.split(File.pathSeparator)) {
                if (directory.isBlank()) {
                    continue;
                }
                var candidate = Path.of(directory, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
