package io.opsline.identity.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.CreatedToken;
import io.opsline.identity.internal.TokenInput;
import io.opsline.identity.internal.TokenManagement;
import io.opsline.identity.internal.TokenView;

/** The caller's API tokens (admins may list and revoke everyone's). */
@RestController
@RequestMapping("/api/v1/tokens")
@RequiresRole(Role.REQUESTER)
class TokenApi {

    private final TokenManagement tokens;

    TokenApi(TokenManagement tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    List<TokenView> list(@RequestParam(defaultValue = "false") boolean all) {
        return tokens.list(all);
    }

    /** The answer holds the secret; it is never shown again. */
    @PostMapping
    ResponseEntity<CreatedToken> create(@RequestBody TokenInput input) {
        var created = tokens.create(input);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().id())).body(created);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
