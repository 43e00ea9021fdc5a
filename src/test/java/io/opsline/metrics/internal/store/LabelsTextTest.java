package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.opsline.metrics.Labels;

class LabelsTextTest {

    @Test
    void readsBackWhatLabelsPrint() {
        var labels = Labels.of("__name__", "http_requests_total", "path", "/a\"b\\c\nd,e=f}", "z", "{x}");

        assertThat(LabelsText.parse(labels.toString())).isEqualTo(labels);
        assertThat(LabelsText.parse("{}")).isEqualTo(Labels.EMPTY);
    }

    @Test
    void saysWhereATextIsWrong() {
        assertThatThrownBy(() -> LabelsText.parse("{a=\"1\" b=\"2\"}")).hasMessageContaining("position 6");
        assertThatThrownBy(() -> LabelsText.parse("{a=\"1}")).hasMessageContaining("unterminated");
    }
}
