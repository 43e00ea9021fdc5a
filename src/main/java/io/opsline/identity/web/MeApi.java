package io.opsline.identity.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.CurrentUser;

/** Who the caller is and the role they act with: handy for checking a token. */
@RestController
class MeApi {

    private final CurrentUser currentUser;

    MeApi(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/me")
    @RequiresRole(Role.REQUESTER)
    Me me() {
        var user = currentUser.require();
        return new Me(user.username(), user.displayName(), currentUser.actingRole().key());
    }

    record Me(String username, String displayName, String role) {
    }
}
