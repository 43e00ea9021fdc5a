package io.opsline.platform;

import org.springframework.web.util.UriComponentsBuilder;

/** Builds the start of paging links: the list's path with its current filters, ready for {@code page=N}. */
public final class PagerLinks {

    private PagerLinks() {
    }

    /** {@code nameValuePairs} alternates parameter names and values; blank values are left out. */
    public static String base(String path, String... nameValuePairs) {
        var builder = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            var value = nameValuePairs[i + 1];
            if (value != null && !value.isBlank()) {
                builder.queryParam(nameValuePairs[i], value);
            }
        }
        var uri = builder.encode().build().toUriString();
        return uri + (uri.contains("?") ? "&" : "?");
    }
}
