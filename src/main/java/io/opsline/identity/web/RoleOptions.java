package io.opsline.identity.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opsline.identity.Role;

/** Role choices for select boxes, widest first. */
final class RoleOptions {

    private RoleOptions() {
    }

    static Map<String, String> all() {
        return upTo(Role.ADMIN);
    }

    static Map<String, String> upTo(Role ceiling) {
        var options = new LinkedHashMap<String, String>();
        Arrays.stream(Role.values()).filter(ceiling::includes).forEach(r -> options.put(r.key(), r.key()));
        return options;
    }
}
