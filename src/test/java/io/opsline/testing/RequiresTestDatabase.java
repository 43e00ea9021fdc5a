package io.opsline.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL run of a test, with a reason, when no test PostgreSQL is configured; but
 * under CI ({@code CI=true}) a missing PostgreSQL fails the run instead, so it can never pass by
 * silently testing only H2.
 */
public class RequiresTestDatabase implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgresql".equals(TestDatabase.engine())) {
            return ConditionEvaluationResult.enabled("runs on " + TestDatabase.engine());
        }
        var url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return ConditionEvaluationResult.enabled("runs on PostgreSQL");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(TestDatabase.POSTGRES_URL_VARIABLE
                    + " is not set, but CI=true requires the PostgreSQL tests to run (.ci/run sets it up)");
        }
        return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: set " + TestDatabase.POSTGRES_URL_VARIABLE
                + " (e.g. jdbc:postgresql://127.0.0.1:5432/opsline_test?user=...&password=...) to run them");
    }
}
