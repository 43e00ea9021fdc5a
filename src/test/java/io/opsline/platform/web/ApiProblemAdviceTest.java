package io.opsline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;

import io.opsline.platform.ProblemTypes;

/** Database races are the client's to retry, never a 500. */
class ApiProblemAdviceTest {

    private final ApiProblemAdvice advice = new ApiProblemAdvice();

    @Test
    void aLockTimeoutIsA503WithRetryAfter() {
        var response = advice.busy(new CannotAcquireLockException("Timeout trying to lock table"));
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getBody().getType()).isEqualTo(ProblemTypes.BUSY);
    }

    @Test
    void aUniqueKeyLostToAConcurrentRequestIsA409() {
        var response = advice.duplicate(new DuplicateKeyException("check_definition_ci_name_uk"));
        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody().getDetail()).contains("same moment");
    }
}
