package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.Matcher.Op;

class SeriesIndexTest {

    private final SeriesIndex index = new SeriesIndex();

    @BeforeEach
    void series() {
        index.add(5, Labels.of("__name__", "up", "job", "node", "instance", "a:9100"), "scrape");
        index.add(2, Labels.of("__name__", "up", "job", "prometheus", "instance", "b:9090"), "scrape");
        index.add(9, Labels.of("__name__", "load1", "job", "node", "instance", "a:9100"), "scrape");
        index.add(7, Labels.of("__name__", "up", "instance", "c:1"), "remote");
    }

    @Test
    void findsSeriesByEqualityThroughThePostings() {
        assertThat(index.select(List.of(Matcher.equal("__name__", "up")))).containsExactly(2, 5, 7);
        assertThat(index.select(List.of(Matcher.equal("__name__", "up"), Matcher.equal("job", "node"))))
                .containsExactly(5);
        assertThat(index.select(List.of(Matcher.equal("job", "nope")))).isEmpty();
    }

    @Test
    void findsSeriesByEveryKindOfMatcher() {
        assertThat(index.select(List.of(Matcher.equal("__name__", "up"), Matcher.of("job", Op.NOT_EQUAL, "node"))))
                .containsExactly(2, 7);
        assertThat(index.select(List.of(Matcher.of("job", Op.MATCHES, "no.*|prom.+")))).containsExactly(2, 5, 9);
        assertThat(index.select(List.of(Matcher.equal("__name__", "up"), Matcher.of("job", Op.NOT_MATCHES, "n.*"))))
                .containsExactly(2, 7);
        assertThat(index.select(List.of(Matcher.equal("__name__", "up"), Matcher.equal("job", ""))))
                .containsExactly(7);
        assertThat(index.select(List.of(Matcher.of("job", Op.MATCHES, ".*")))).containsExactly(2, 5, 7, 9);
    }

    @Test
    void findsSeriesAddedOutOfIdOrder() {
        index.add(3, Labels.of("__name__", "up", "job", "late"), "scrape");

        assertThat(index.select(List.of(Matcher.equal("__name__", "up")))).containsExactly(2, 3, 5, 7);
    }

    @Test
    void knowsSeriesByLabelsAndCountsThemPerSource() {
        assertThat(index.id(Labels.of("instance", "c:1", "__name__", "up"))).isEqualTo(7);
        assertThat(index.id(Labels.of("__name__", "down"))).isEqualTo(-1);
        assertThat(index.add(7, Labels.of("__name__", "up", "instance", "c:1"), "remote")).isFalse();
        assertThat(index.seriesOf("scrape")).isEqualTo(3);
        assertThat(index.seriesOf("remote")).isEqualTo(1);
        assertThat(index.size()).isEqualTo(4);
    }
}
