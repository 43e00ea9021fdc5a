package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNamesTest {

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
            "www.example.org, www.example.org, true", "WWW.Example.org., www.example.org, true",
            "www.example.org, *.example.org, true", "example.org, *.example.org, false",
            "a.b.example.org, *.example.org, false", "www.example.org, www.example.com, false",
            "127.0.0.1, 127.0.0.1, true"
    })
    void followsRfc6125(String host, String name, boolean matches) {
        assertThat(HostNames.matches(host, List.of(name))).isEqualTo(matches);
    }
}
