package io.opsline.servicedesk.internal.request;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.Teams;
import io.opsline.platform.Page;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.request.RequestView.TaskView;

/** Turns stored requests into views, looking up every name a page of them needs at once. */
@Component
public class RequestViews {

    private final ServiceRequests requests;
    private final People people;
    private final Teams teams;

    RequestViews(ServiceRequests requests, People people, Teams teams) {
        this.requests = requests;
        this.people = people;
        this.teams = teams;
    }

    /** One request with its tasks. */
    public RequestView of(ServiceRequest request) {
        return views(List.of(request), Map.of(request.id(), requests.tasks(request.id()))).getFirst();
    }

    /** A page of requests, without their tasks. */
    public Page<RequestView> of(Page<ServiceRequest> page) {
        return new Page<>(views(page.items(), Map.of()), page.page(), page.size(), page.total());
    }

    /** The request as its requester sees it, with the public timeline. */
    public PortalRequestView forRequester(ServiceRequest r) {
        return new PortalRequestView(r.id(), r.reference(), r.typeName(), r.state(), r.state().cancellable(), r.values(),
                r.decisionComment(), r.decidedAt(), r.createdAt(), r.updatedAt(), r.version(),
                requests.timeline(r.id(), true));
    }

    private List<RequestView> views(List<ServiceRequest> list, Map<UUID, List<RequestTask>> tasks) {
        var personIds = new HashSet<UUID>();
        var teamIds = new HashSet<UUID>();
        for (var r : list) {
            add(personIds, r.requesterId());
            add(personIds, r.approverId());
            add(teamIds, r.approverTeamId());
            add(teamIds, r.teamId());
            for (var t : tasks.getOrDefault(r.id(), List.of())) {
                add(personIds, t.assigneeId());
                add(teamIds, t.teamId());
            }
        }
        var persons = personIds.isEmpty() ? Map.<UUID, Person>of() : people.findAll(personIds);
        var teamNames = teams.names(teamIds);
        return list.stream().map(r -> new RequestView(r.id(), r.reference(), new Named(r.typeId(), r.typeName()),
                person(r.requesterId(), persons), r.openedBy(), r.state(), List.copyOf(r.state().staffMoves()),
                person(r.approverId(), persons), team(r.approverTeamId(), teamNames), r.decidedBy(), r.decidedAt(),
                r.decisionComment(), team(r.teamId(), teamNames), r.values(),
                tasks.getOrDefault(r.id(), List.of()).stream().map(t -> new TaskView(t.id(), t.title(),
                        team(t.teamId(), teamNames), person(t.assigneeId(), persons), t.state(), t.doneBy(), t.doneAt(),
                        t.version())).toList(),
                r.createdAt(), r.updatedAt(), r.fulfilledAt(), r.closedAt(), r.version())).toList();
    }

    private static Named person(UUID id, Map<UUID, Person> persons) {
        return id == null ? null : new Named(id, persons.containsKey(id) ? persons.get(id).name() : null);
    }

    private static Named team(UUID id, Map<UUID, String> names) {
        return id == null ? null : new Named(id, names.get(id));
    }

    private static void add(Set<UUID> ids, UUID id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
