package io.opsline.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application serving real HTTP on a random port, on a database of its own (H2 or
 * PostgreSQL, see {@link TestDatabase}), driven by a real headless Chromium: test methods take a
 * {@link Browser} parameter. Every class using it shares one application context per engine (a
 * different one from {@link OpslineIntegrationTest}'s), so tests isolate themselves by unique names.
 * Without Chromium the tests skip, except under CI ({@code CI=true}) where they fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({RequiresTestDatabase.class, BrowserExtension.class})
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@Import(TestAccounts.class)
public @interface OpslineBrowserTest {
}
