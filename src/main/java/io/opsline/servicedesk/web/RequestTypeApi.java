package io.opsline.servicedesk.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.People;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.Teams;
import io.opsline.servicedesk.internal.request.RequestField;
import io.opsline.servicedesk.internal.request.RequestTypeInput;
import io.opsline.servicedesk.internal.request.RequestTypeView;
import io.opsline.servicedesk.internal.request.RequestTypes;

/**
 * The request catalogue over REST: the desk reads the types, admins write them; requesters read what
 * they may ask for under {@code /api/v1/portal/request-types}. A change carries the {@code version} it
 * was made on.
 */
@RestController
class RequestTypeApi {

    private final RequestTypes types;
    private final People people;
    private final Teams teams;

    RequestTypeApi(RequestTypes types, People people, Teams teams) {
        this.types = types;
        this.people = people;
        this.teams = teams;
    }

    /** A type as a requester sees it: what to fill in, not who approves or fulfils it. */
    record Offered(java.util.UUID id, String name, String description, boolean needsApproval,
            List<RequestField> fields) {
    }

    @GetMapping("/api/v1/request-types")
    @RequiresRole(Role.VIEWER)
    List<RequestTypeView> list() {
        return types.all().stream().map(t -> RequestTypeView.of(t, people, teams)).toList();
    }

    @PostMapping("/api/v1/request-types")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<RequestTypeView> create(@RequestBody RequestTypeInput input) {
        var type = types.create(input);
        return ResponseEntity.created(URI.create("/api/v1/request-types/" + type.id()))
                .body(RequestTypeView.of(type, people, teams));
    }

    @GetMapping("/api/v1/request-types/{id}")
    @RequiresRole(Role.VIEWER)
    RequestTypeView get(@PathVariable String id) {
        return RequestTypeView.of(types.get(id), people, teams);
    }

    /** Replaces the type as a whole; requests already opened keep what they were opened with. */
    @PutMapping("/api/v1/request-types/{id}")
    @RequiresRole(Role.ADMIN)
    RequestTypeView update(@PathVariable String id, @RequestBody RequestTypeInput input) {
        return RequestTypeView.of(types.update(types.get(id).id(), input), people, teams);
    }

    /** What can be requested now, with the fields of each form. */
    @GetMapping("/api/v1/portal/request-types")
    @RequiresRole(Role.REQUESTER)
    List<Offered> offered() {
        return types.active().stream()
                .map(t -> new Offered(t.id(), t.name(), t.description(), t.needsApproval(), t.fields())).toList();
    }
}
