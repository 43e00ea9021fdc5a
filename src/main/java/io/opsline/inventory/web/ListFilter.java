package io.opsline.inventory.web;

import org.springframework.web.bind.annotation.BindParam;

import io.opsline.inventory.internal.CiFilter;
import io.opsline.platform.PagerLinks;

/**
 * The CI list's filters as query parameters, shared by the list page, the list API and exports:
 * {@code q, class, status, environment, criticality, team, tag, sort}.
 */
public record ListFilter(String q, @BindParam("class") String ciClass, String status, String environment,
        String criticality, String team, String tag, String sort) {

    static ListFilter none() {
        return new ListFilter(null, null, null, null, null, null, null, null);
    }

    CiFilter toFilter() {
        return new CiFilter(q, ciClass, status, environment, criticality, team, tag, sort);
    }

    /** The filters as a query string, without paging or sort, for export links. */
    public String exportQuery() {
        return PagerLinks.query("q", q, "class", ciClass, "status", status, "environment",
                environment, "criticality", criticality, "team", team, "tag", tag);
    }

    /** The list URL with these filters, ready for {@code page=N}. */
    public String pagerBase() {
        return PagerLinks.base("/cis", "q", q, "class", ciClass, "status", status, "environment",
                environment, "criticality", criticality, "team", team, "tag", tag, "sort", sort);
    }
}
