package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What an array parameter refuses before it reaches a statement; BulkInsertIT stores every type. */
class PostgresArraysTest {

    @Test
    void anArrayOfATypeWithoutItsEncodingIsAMistakeInTheCode() {
        assertThatThrownBy(() -> PostgresArrays.bind(null, null, 1, "numeric", new Object[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric")
                .hasMessageContaining("timestamptz");
    }
}
