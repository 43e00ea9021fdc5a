package io.opsline.identity.web;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamInput;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.identity.internal.TeamView;
import io.opsline.identity.internal.UserManagement;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;

/** Admin pages for teams. */
@Controller
@RequiresRole(Role.ADMIN)
class TeamAdminPages {

    private final TeamManagement teams;
    private final UserManagement users;

    TeamAdminPages(TeamManagement teams, UserManagement users) {
        this.teams = teams;
        this.users = users;
    }

    @GetMapping("/admin/teams")
    String list(Model model) {
        model.addAttribute("teams", teams.all());
        return "identity/teams";
    }

    @GetMapping("/admin/teams/new")
    String newTeam(Model model) {
        return form(null, new TeamInput(null, null, List.of(), null), model);
    }

    @PostMapping("/admin/teams")
    String create(TeamInput form, Model model, RedirectAttributes redirect) {
        var input = new TeamInput(form.name(), form.description(), orEmpty(form.members()), null);
        try {
            var created = teams.create(input);
            redirect.addFlashAttribute("notice", "Team %s created.".formatted(created.name()));
            return "redirect:/admin/teams/" + created.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", FormErrors.of(e));
            return form(null, input, model);
        }
    }

    @GetMapping("/admin/teams/{id}")
    String edit(@PathVariable UUID id, Model model) {
        var team = teams.get(id);
        return form(team, new TeamInput(team.name(), team.description(), team.members(), team.version()), model);
    }

    @PostMapping("/admin/teams/{id}")
    String update(@PathVariable UUID id, TeamInput form, Model model, RedirectAttributes redirect) {
        var input = new TeamInput(form.name(), form.description(), orEmpty(form.members()), form.version());
        try {
            teams.update(id, input);
            redirect.addFlashAttribute("notice", "Changes saved.");
            return "redirect:/admin/teams/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", FormErrors.of(e));
            return form(teams.get(id), input, model);
        }
    }

    @PostMapping("/admin/teams/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var team = teams.get(id);
        teams.delete(id);
        redirect.addFlashAttribute("notice", "Team %s deleted.".formatted(team.name()));
        return "redirect:/admin/teams";
    }

    private String form(TeamView team, TeamInput form, Model model) {
        model.addAttribute("team", team);
        model.addAttribute("form", form);
        model.addAttribute("users", users.search(null, null, new PageRequest(0, PageRequest.MAX_SIZE)).items());
        return "identity/team-form";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
