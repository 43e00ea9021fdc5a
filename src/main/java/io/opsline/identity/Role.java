package io.opsline.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a user or token may do. Each role includes everything the roles below it may do:
 * an admin can do all an operator can, an operator all a viewer can, a viewer all a requester can.
 */
public enum Role {

    /** Everything, including users, teams and the audit log. */
    ADMIN,
    /** Day-to-day work: incidents, alerts, changes, inventory. */
    OPERATOR,
    /** Read only. */
    VIEWER,
    /**
     * The service desk's customers: they open incidents and requests in the self-service portal and
     * follow their own tickets, and see nothing else.
     */
    REQUESTER;

    public String authority() {
        return "ROLE_" + name();
    }

    /** The lower-case name used on the wire and in forms. */
    public String key() {
        return name().toLowerCase();
    }

    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** The narrower of the two roles. */
    public Role atMost(Role ceiling) {
        return ceiling.includes(this) ? this : ceiling;
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.key().equalsIgnoreCase(text.trim())).findFirst();
    }

    public static Optional<Role> fromAuthority(String authority) {
        return authority != null && authority.startsWith("ROLE_") ? parse(authority.substring(5)) : Optional.empty();
    }
}
