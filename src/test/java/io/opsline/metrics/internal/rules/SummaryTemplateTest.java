package io.opsline.metrics.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opsline.metrics.Labels;

class SummaryTemplateTest {

    private static final Labels LABELS = Labels.of("__name__", "node_load1", "instance", "web-1:9100");

    @Test
    void fillsInLabelsAndTheValueAsPrometheusPrintsThem() {
        assertThat(SummaryTemplate.render("Load of {{ $labels.instance }} ({{$labels.__name__}}) is {{ $value }}",
                LABELS, 4)).isEqualTo("Load of web-1:9100 (node_load1) is 4");
        assertThat(SummaryTemplate.render("{{ $value }}", LABELS, 0.25)).isEqualTo("0.25");
        assertThat(SummaryTemplate.render("[{{ $labels.job }}]", LABELS, 1)).isEqualTo("[]");
        assertThat(SummaryTemplate.render("costs $1 at {{ $value }}", LABELS, 2)).isEqualTo("costs $1 at 2");
    }

    @Test
    void namesTheFirstPlaceholderItCannotFillAndWhereItIs() {
        assertThat(SummaryTemplate.problem("plain text")).isNull();
        assertThat(SummaryTemplate.problem("{{ $labels.host }} at {{ $value }}")).isNull();
        assertThat(SummaryTemplate.problem("at {{ .Value }}")).isEqualTo(
                "unknown placeholder \"{{ .Value }}\" at character 4: use {{ $labels.<name> }} or {{ $value }}");
        assertThat(SummaryTemplate.problem("{{ $labels.host }} {{ $value")).isEqualTo("unclosed \"{{\" at character 20");
    }
}
