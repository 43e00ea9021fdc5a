package io.opsline.identity.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamInput;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.identity.internal.TeamView;

/** Teams over REST: everyone may read them (they own things), only admins change them. */
@RestController
@RequestMapping("/api/v1/teams")
class TeamApi {

    private final TeamManagement teams;

    TeamApi(TeamManagement teams) {
        this.teams = teams;
    }

    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<TeamView> list() {
        return teams.all();
    }

    @GetMapping("/{id}")
    @RequiresRole(Role.VIEWER)
    TeamView get(@PathVariable UUID id) {
        return teams.get(id);
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<TeamView> create(@RequestBody TeamInput input) {
        var created = teams.create(input);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    TeamView update(@PathVariable UUID id, @RequestBody TeamInput input) {
        return teams.update(id, input);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        teams.delete(id);
        return ResponseEntity.noContent().build();
    }
}
