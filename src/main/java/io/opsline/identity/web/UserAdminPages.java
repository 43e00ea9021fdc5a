package io.opsline.identity.web;

import java.util.List;
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
import io.opsline.identity.internal.IdentityProperties;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.identity.internal.UserInput;
import io.opsline.identity.internal.UserManagement;
import io.opsline.identity.internal.UserView;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;
import io.opsline.platform.PagerLinks;

/** Admin pages for users. */
@Controller
@RequiresRole(Role.ADMIN)
class UserAdminPages {

    private final UserManagement users;
    private final TeamManagement teams;
    private final int minPasswordLength;

    UserAdminPages(UserManagement users, TeamManagement teams, IdentityProperties properties) {
        this.users = users;
        this.teams = teams;
        this.minPasswordLength = properties.minPasswordLength();
    }

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String role,
            @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("page", users.search(q, role, PageRequest.of(page, null)));
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("roles", RoleOptions.all());
        model.addAttribute("pagerBase", PagerLinks.base("/admin/users", "q", q, "role", role));
        return "identity/users";
    }

    @GetMapping("/admin/users/new")
    String newUser(Model model) {
        return form(null, new UserInput(null, null, null, "viewer", true, null, List.of(), null), model);
    }

    @PostMapping("/admin/users")
    String create(UserInput form, Model model, RedirectAttributes redirect) {
        var input = new UserInput(form.username(), form.displayName(), form.email(), form.role(),
                Boolean.TRUE.equals(form.enabled()), form.password(), orEmpty(form.teams()), null);
        try {
            var created = users.create(input);
            redirect.addFlashAttribute("notice", "User %s created.".formatted(created.username()));
            return "redirect:/admin/users/" + created.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", FormErrors.of(e));
            return form(null, input, model);
        }
    }

    @GetMapping("/admin/users/{id}")
    String edit(@PathVariable UUID id, Model model) {
        var user = users.get(id);
        return form(user, new UserInput(user.username(), user.displayName(), user.email(), user.role(), user.enabled(),
                null, user.teams(), user.version()), model);
    }

    @PostMapping("/admin/users/{id}")
    String update(@PathVariable UUID id, UserInput form, Model model, RedirectAttributes redirect) {
        var input = new UserInput(null, form.displayName(), form.email(), form.role(),
                Boolean.TRUE.equals(form.enabled()), null, orEmpty(form.teams()), form.version());
        try {
            users.update(id, input);
            redirect.addFlashAttribute("notice", "Changes saved.");
            return "redirect:/admin/users/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", FormErrors.of(e));
            return form(users.get(id), input, model);
        }
    }

    @PostMapping("/admin/users/{id}/password")
    String resetPassword(@PathVariable UUID id, @RequestParam(defaultValue = "") String password, Model model,
            RedirectAttributes redirect) {
        try {
            users.resetPassword(id, password);
        } catch (InvalidInputException e) {
            model.addAttribute("passwordError", e.violations().getFirst().message());
            return edit(id, model);
        }
        redirect.addFlashAttribute("notice", "Password reset. The user has been signed out everywhere.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var user = users.get(id);
        users.delete(id);
        redirect.addFlashAttribute("notice", "User %s deleted.".formatted(user.username()));
        return "redirect:/admin/users";
    }

    private String form(UserView user, UserInput form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("roles", RoleOptions.all());
        model.addAttribute("teams", teams.all());
        model.addAttribute("minLength", minPasswordLength);
        return "identity/user-form";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
