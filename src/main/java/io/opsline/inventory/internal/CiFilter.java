package io.opsline.inventory.internal;

/**
 * List filters as they arrive in a query string; {@code team} is a team name or id, {@code sort}
 * one of name, class, status, updated.
 */
public record CiFilter(String q, String ciClass, String status, String environment, String criticality, String team,
        String tag, String sort) {

    public static CiFilter none() {
        return new CiFilter(null, null, null, null, null, null, null, null);
    }
}
