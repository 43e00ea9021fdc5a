package io.opsline.identity.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.CurrentUser;
import io.opsline.identity.internal.IdentityProperties;
import io.opsline.identity.internal.TokenInput;
import io.opsline.identity.internal.TokenManagement;
import io.opsline.identity.internal.UserManagement;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;

/** The signed-in user's own settings: password and API tokens. */
@Controller
@RequiresRole(Role.REQUESTER)
class AccountPages {

    private final UserManagement users;
    private final TokenManagement tokens;
    private final CurrentUser currentUser;
    private final int minPasswordLength;

    AccountPages(UserManagement users, TokenManagement tokens, CurrentUser currentUser, IdentityProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.minPasswordLength = properties.minPasswordLength();
    }

    @GetMapping("/account/password")
    String passwordForm(Model model) {
        model.addAttribute("minLength", minPasswordLength);
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, Model model, RedirectAttributes redirect) {
        try {
            users.changeOwnPassword(currentPassword, newPassword);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e));
            return passwordForm(model);
        }
        redirect.addFlashAttribute("notice", "Your password has been changed.");
        return "redirect:/account/password";
    }

    @GetMapping("/account/tokens")
    String tokens(@RequestParam(defaultValue = "false") boolean all, Model model) {
        var isAdmin = currentUser.actingRole() == Role.ADMIN;
        model.addAttribute("isAdmin", isAdmin);
        model.addAttribute("all", all && isAdmin);
        model.addAttribute("tokens", tokens.list(all && isAdmin));
        model.addAttribute("roles", RoleOptions.upTo(currentUser.actingRole()));
        return "identity/tokens";
    }

    @PostMapping("/account/tokens")
    String createToken(TokenInput form, Model model) {
        try {
            model.addAttribute("created", tokens.create(form));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e));
            model.addAttribute("form", form);
        }
        // Rendered directly, not redirected: the secret must never be stored in a session or URL.
        return tokens(false, model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable UUID id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute("notice", "The token has been revoked.");
        return "redirect:/account/tokens";
    }
}
