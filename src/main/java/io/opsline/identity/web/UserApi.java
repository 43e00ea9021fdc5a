package io.opsline.identity.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.UserInput;
import io.opsline.identity.internal.UserManagement;
import io.opsline.identity.internal.UserView;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** Users over REST (admins only). */
@RestController
@RequestMapping("/api/v1/users")
@RequiresRole(Role.ADMIN)
class UserApi {

    private final UserManagement users;

    UserApi(UserManagement users) {
        this.users = users;
    }

    @GetMapping
    Page<UserView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String role,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return users.search(q, role, PageRequest.of(page, size));
    }

    @PostMapping
    ResponseEntity<UserView> create(@RequestBody UserInput input) {
        var created = users.create(input);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return users.get(id);
    }

    @PutMapping("/{id}")
    UserView update(@PathVariable UUID id, @RequestBody UserInput input) {
        return users.update(id, input);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        users.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/password")
    ResponseEntity<Void> resetPassword(@PathVariable UUID id, @RequestBody PasswordReset reset) {
        users.resetPassword(id, reset.password());
        return ResponseEntity.noContent().build();
    }

    record PasswordReset(String password) {
    }
}
