package io.opsline.metrics.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opsline.identity.Role;
import io.opsline.platform.NavigationEntry;

/** The metrics area of the navigation: one bean per entry. */
@Configuration
class MetricsNavigation {

    private static final String AREA = "Metrics";
    /** Right after monitoring, whose checks' measurements are much of what it shows. */
    private static final int ORDER = 12;

    @Bean
    NavigationEntry metricsExploreNavigation() {
        return new NavigationEntry(AREA, ORDER, "Explore", MetricsPages.EXPLORE, Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry scrapeTargetsNavigation() {
        return new NavigationEntry(AREA, ORDER, "Targets", ScrapeTargetPages.BASE, Role.VIEWER.authority());
    }

    @Bean
    NavigationEntry metricRulesNavigation() {
        return new NavigationEntry(AREA, ORDER, "Rules", MetricRulePages.BASE, Role.VIEWER.authority());
    }
}
