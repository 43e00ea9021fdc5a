package io.opsline.platform;

import org.springframework.web.util.UriComponentsBuilder;

/** Builds list URLs that keep the current filters: for paging links and for export links. */
public final class PagerLinks {

    private PagerLinks() {
    }

    /**
     * The path with its filters, ready for {@code page=N} to be appended.
     * {@code nameValuePairs} alternates parameter names and values; blank values are left out.
     */
    public static String base(String path, String... nameValuePairs) {
        var query = query(nameValuePairs);
        return path + "?" + (query.isEmpty() ? "" : query + "&");
    }

    /** The filters alone as an encoded query string, without a leading {@code ?}; empty when none are set. */
    public static String query(String... nameValuePairs) {
        var builder = UriComponentsBuilder.newInstance();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            var value = nameValuePairs[i + 1];
            if (value != null && !value.isBlank()) {
                builder.queryParam(nameValuePairs[i], value);
            }
        }
        var query = builder.encode().build().getQuery();
        return query == null ? "" : query;
    }
}
