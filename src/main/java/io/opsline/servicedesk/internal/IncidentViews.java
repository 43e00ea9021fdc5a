package io.opsline.servicedesk.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Page;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.customer.Customers;

/** Turns stored incidents into views, looking up every name a page of them needs at once. */
@Component
public class IncidentViews {

    private final People people;
    private final Teams teams;
    private final Inventory inventory;
    private final Customers customers;

    IncidentViews(People people, Teams teams, Inventory inventory, Customers customers) {
        this.people = people;
        this.teams = teams;
        this.inventory = inventory;
        this.customers = customers;
    }

    public IncidentView of(Incident incident) {
        return all(List.of(incident)).getFirst();
    }

    public Page<IncidentView> of(Page<Incident> page) {
        var views = all(page.items());
        return new Page<>(views, page.page(), page.size(), page.total());
    }

    public List<IncidentView> all(List<Incident> incidents) {
        var personIds = new HashSet<UUID>();
        var teamIds = new HashSet<UUID>();
        var ciIds = new HashSet<UUID>();
        var customerIds = new HashSet<UUID>();
        for (var incident : incidents) {
            addIfPresent(personIds, incident.callerId());
            addIfPresent(personIds, incident.assigneeId());
            addIfPresent(teamIds, incident.teamId());
            addIfPresent(customerIds, incident.customerId());
            ciIds.addAll(incident.ciIds());
            ciIds.addAll(incident.serviceIds());
        }
        var persons = personIds.isEmpty() ? Map.<UUID, Person>of() : people.findAll(personIds);
        var teamNames = teams.names(teamIds);
        var customerNames = customers.names(customerIds);
        var cis = ciIds.isEmpty() ? Map.<UUID, CiSummary>of() : inventory.findAll(ciIds);
        return incidents.stream().map(i -> new IncidentView(i.id(), i.reference(), i.title(), i.description(),
                person(i.callerId(), persons), i.openedBy(), i.openedThrough(), i.category(), i.impact(), i.urgency(),
                i.priority(), i.major(), i.state(), List.copyOf(i.state().next()), i.holdReason(), i.resolutionCode(),
                i.resolutionNotes(), i.teamId() == null ? null : new Named(i.teamId(), teamNames.get(i.teamId())),
                person(i.assigneeId(), persons),
                i.customerId() == null ? null : new Named(i.customerId(), customerNames.get(i.customerId())),
                ci(i.ciIds(), cis), ci(i.serviceIds(), cis), i.startedAt(),
                i.createdAt(), i.updatedAt(), i.respondedAt(), i.resolvedAt(), i.closedAt(), i.version())).toList();
    }

    private static Named person(UUID id, Map<UUID, Person> persons) {
        if (id == null) {
            return null;
        }
        var person = persons.get(id);
        return new Named(id, person == null ? null : person.name());
    }

    private static List<Named> ci(List<UUID> ids, Map<UUID, CiSummary> cis) {
        return ids.stream().map(id -> new Named(id, cis.containsKey(id) ? cis.get(id).name() : null)).toList();
    }

    private static void addIfPresent(java.util.Set<UUID> ids, UUID id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
