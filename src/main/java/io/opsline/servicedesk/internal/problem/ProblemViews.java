package io.opsline.servicedesk.internal.problem;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.problem.ProblemView.LinkedIncident;

/** Turns stored problems into views, looking up every name a page of them needs at once. */
@Component
public class ProblemViews {

    private final People people;
    private final Teams teams;
    private final Inventory inventory;
    private final Incidents incidents;

    ProblemViews(People people, Teams teams, Inventory inventory, Incidents incidents) {
        this.people = people;
        this.teams = teams;
        this.inventory = inventory;
        this.incidents = incidents;
    }

    public ProblemView of(Problem problem) {
        return all(List.of(problem)).getFirst();
    }

    public Page<ProblemView> of(Page<Problem> page) {
        return new Page<>(all(page.items()), page.page(), page.size(), page.total());
    }

    private List<ProblemView> all(List<Problem> problems) {
        var teamIds = new HashSet<UUID>();
        var personIds = new HashSet<UUID>();
        var ciIds = new HashSet<UUID>();
        for (var problem : problems) {
            if (problem.teamId() != null) {
                teamIds.add(problem.teamId());
            }
            if (problem.assigneeId() != null) {
                personIds.add(problem.assigneeId());
            }
            ciIds.addAll(problem.ciIds());
        }
        var teamNames = teams.names(teamIds);
        var persons = personIds.isEmpty() ? Map.<UUID, Person>of() : people.findAll(personIds);
        var cis = ciIds.isEmpty() ? Map.<UUID, CiSummary>of() : inventory.findAll(ciIds);
        return problems.stream().map(p -> new ProblemView(p.id(), p.reference(), p.title(), p.description(),
                p.state(), List.copyOf(p.state().next()), p.rootCause(), p.workaround(),
                p.teamId() == null ? null : new Named(p.teamId(), teamNames.get(p.teamId())),
                p.assigneeId() == null ? null : new Named(p.assigneeId(),
                        persons.containsKey(p.assigneeId()) ? persons.get(p.assigneeId()).name() : null),
                p.ciIds().stream().map(id -> new Named(id, cis.containsKey(id) ? cis.get(id).name() : null)).toList(),
                linked(p.incidentIds()), p.openedBy(), p.createdAt(), p.updatedAt(), p.knownErrorAt(), p.resolvedAt(),
                p.closedAt(), p.version())).toList();
    }

    private List<LinkedIncident> linked(List<UUID> ids) {
        return ids.stream().map(id -> {
            try {
                var incident = incidents.get(id);
                return new LinkedIncident(id, incident.reference(), incident.title(), incident.state(),
                        incident.priority());
            } catch (NotFoundException e) {
                // Deleted between reading the links and now: the foreign key removes the link itself.
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }
}
