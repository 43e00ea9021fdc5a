package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.Teams;
import io.opsline.servicedesk.internal.IncidentView.Named;

/** A request type with the names of its teams and approver, as the API and the admin pages show it. */
public record RequestTypeView(UUID id, String name, String description, Named team, Named approver,
        Named approverTeam, boolean active, List<RequestField> fields, List<TaskTemplateView> tasks, Instant createdAt,
        Instant updatedAt, long version) {

    public record TaskTemplateView(String title, Named team) {
    }

    public static RequestTypeView of(RequestType type, People people, Teams teams) {
        var teamIds = new java.util.HashSet<UUID>();
        if (type.teamId() != null) {
            teamIds.add(type.teamId());
        }
        if (type.approverTeamId() != null) {
            teamIds.add(type.approverTeamId());
        }
        type.tasks().stream().map(TaskTemplate::teamId).filter(java.util.Objects::nonNull).forEach(teamIds::add);
        var names = teams.names(teamIds);
        var approver = type.approverId() == null ? null
                : new Named(type.approverId(), people.find(type.approverId()).map(Person::username).orElse(null));
        return new RequestTypeView(type.id(), type.name(), type.description(), named(type.teamId(), names), approver,
                named(type.approverTeamId(), names), type.active(), type.fields(),
                type.tasks().stream().map(t -> new TaskTemplateView(t.title(), named(t.teamId(), names))).toList(),
                type.createdAt(), type.updatedAt(), type.version());
    }

    private static Named named(UUID id, java.util.Map<UUID, String> names) {
        return id == null ? null : new Named(id, names.get(id));
    }
}
