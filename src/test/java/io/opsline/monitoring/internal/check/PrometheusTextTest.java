package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsTheExpositionFormatsExamples() {
        var parsed = PrometheusText.parse("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000

                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                metric_without_timestamp_and_labels 12.47
                something_weird{problem="division by zero"} +Inf
                rpc_duration_seconds{quantile="0.5",} NaN
                """);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.samples()).hasSize(6);
        var first = parsed.samples().getFirst();
        assertThat(first.labels()).isEqualTo(Map.of("method", "post", "code", "200"));
        assertThat(first.value()).isEqualTo(1027);
        var msdos = parsed.samples().get(2);
        assertThat(msdos.labels().get("path")).isEqualTo("C:\\DIR\\FILE.TXT");
        assertThat(msdos.labels().get("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(msdos.value()).isEqualTo(1.458255915e9);
        assertThat(parsed.samples().get(3).labels()).isEmpty();
        assertThat(parsed.samples().get(4).value()).isInfinite();
        assertThat(parsed.samples().get(5).value()).isNaN();
    }

    @Test
    void selectsSamplesByNameAndTheGivenLabels() {
        var sample = PrometheusText.parse("node_filesystem_avail_bytes{device=\"/dev/vda\",mountpoint=\"/\"} 5e9")
                .samples().getFirst();
        assertThat(sample.matches("node_filesystem_avail_bytes", Map.of("mountpoint", "/"))).isTrue();
        assertThat(sample.matches("node_filesystem_avail_bytes", Map.of())).isTrue();
        assertThat(sample.matches("node_filesystem_avail_bytes", Map.of("mountpoint", "/boot"))).isFalse();
        assertThat(sample.matches("node_filesystem_size_bytes", Map.of())).isFalse();
        assertThat(sample).hasToString("node_filesystem_avail_bytes{device=\"/dev/vda\",mountpoint=\"/\"}");
    }

    @Test
    void skipsLinesItCannotReadAndSaysWhere() {
        var parsed = PrometheusText.parse("good 1\n9bad 2\nopen{a=\"x 3\nnovalue{a=\"b\"}\nfine{a=\"b\"} 4\nword abc\n");
        assertThat(parsed.samples()).extracting(PrometheusText.Sample::name).containsExactly("good", "fine");
        assertThat(parsed.problems()).hasSize(4);
        assertThat(parsed.problems().getFirst()).startsWith("line 2:");
    }
}
