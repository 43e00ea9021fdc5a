package io.opsline.monitoring.web;

import org.springframework.web.bind.annotation.BindParam;

import io.opsline.platform.PagerLinks;

/**
 * The status board's filters as query parameters: {@code state, class, tag, team} (a team name or
 * id) and {@code hideHandled=true} for only the problems nobody has taken on.
 */
public record BoardFilter(String state, @BindParam("class") String ciClass, String tag, String team,
        String hideHandled) {

    static BoardFilter none() {
        return new BoardFilter(null, null, null, null, null);
    }

    public boolean hidesHandled() {
        return "true".equals(hideHandled);
    }

    public boolean isEmpty() {
        return query().isEmpty();
    }

    /** The board's address with these filters. */
    public String url() {
        var query = query();
        return "/monitoring" + (query.isEmpty() ? "" : "?" + query);
    }

    private String query() {
        return PagerLinks.query("state", state, "class", ciClass, "tag", tag, "team", team, "hideHandled",
                hidesHandled() ? "true" : null);
    }
}
