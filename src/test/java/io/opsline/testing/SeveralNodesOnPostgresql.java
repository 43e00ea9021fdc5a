package io.opsline.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that start several Opsline processes on one database: they run in the PostgreSQL run
 * only, since separate processes cannot share the embedded H2 database. Use together with
 * {@link RequiresTestDatabase}, which skips the PostgreSQL run without a test PostgreSQL (and fails
 * it under CI).
 */
public class SeveralNodesOnPostgresql implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("postgresql".equals(TestDatabase.engine())) {
            return ConditionEvaluationResult.enabled("several nodes share the test PostgreSQL");
        }
        return ConditionEvaluationResult.disabled("Runs in the PostgreSQL run only: several Opsline processes cannot"
                + " share one embedded H2 database");
    }
}
