package io.opsline.servicedesk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Ids;
import io.opsline.platform.Violations;

/**
 * Reads the people, teams and CIs a service-desk record names (by id or name), adding a violation
 * for each that does not exist or does not fit, so one form's mistakes are all named at once.
 */
@Component
public class References {

    /** CIs one record may name at most. */
    public static final int MAX_CIS = 100;

    private final People people;
    private final Teams teams;
    private final Inventory inventory;

    References(People people, Teams teams, Inventory inventory) {
        this.people = people;
        this.teams = teams;
        this.inventory = inventory;
    }

    /** The user a reference names; null for none given. */
    public Person person(String field, String reference, Violations violations) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        var person = people.resolve(reference).orElse(null);
        if (person == null) {
            violations.add(field, "no user " + reference.strip());
        }
        return person;
    }

    /** The team a reference names; null for none given. */
    public TeamRef team(String field, String reference, Violations violations) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        var team = teams.resolve(reference).orElse(null);
        if (team == null) {
            violations.add(field, "no team " + reference.strip());
        }
        return team;
    }

    /** The assignee, who must belong to the team when there is one, and be enabled. */
    public Person assignee(String reference, TeamRef team, Violations violations) {
        var assignee = person("assignee", reference, violations);
        if (assignee == null) {
            return null;
        }
        if (team != null && !teams.isMember(team.id(), assignee.id())) {
            violations.add("assignee", assignee.username() + " is not a member of team " + team.name());
        } else if (!assignee.enabled()) {
            violations.add("assignee", assignee.username() + " is disabled");
        }
        return assignee;
    }

    /** The CIs named by id, each once, in the order given; {@code cis[i]} names each one missing. */
    public List<CiSummary> cis(List<String> references, Violations violations) {
        if (references == null || references.isEmpty()) {
            return List.of();
        }
        if (references.size() > MAX_CIS) {
            violations.add("cis", "at most " + MAX_CIS + " configuration items");
            return List.of();
        }
        var ids = new ArrayList<UUID>();
        for (var reference : references) {
            ids.add(Ids.parseOrNull(reference == null ? null : reference.strip()));
        }
        var found = inventory.findAll(ids.stream().filter(Objects::nonNull).toList());
        for (var i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                violations.add("cis[" + i + "]", "must be a configuration item id");
            } else if (!found.containsKey(ids.get(i))) {
                violations.add("cis[" + i + "]", "no configuration item " + ids.get(i));
            }
        }
        return ids.stream().filter(Objects::nonNull).distinct().map(found::get).filter(Objects::nonNull).toList();
    }
}
