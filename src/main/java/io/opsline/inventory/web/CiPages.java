package io.opsline.inventory.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.inventory.RelationshipType;
import io.opsline.inventory.internal.CiFilter;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.ImpactAnalysis;
import io.opsline.inventory.internal.ImpactResult;
import io.opsline.inventory.internal.RelationshipInput;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.OpslineException;
import io.opsline.platform.PageRequest;

/** The CI list, CI page, edit forms and impact view. */
@Controller
class CiPages {

    private static final int IMPACT_PAGE_SIZE = 100;

    private final CiManagement cis;
    private final RelationshipManagement relationships;
    private final ImpactAnalysis impact;
    private final Teams teams;

    CiPages(CiManagement cis, RelationshipManagement relationships, ImpactAnalysis impact, Teams teams) {
        this.cis = cis;
        this.relationships = relationships;
        this.impact = impact;
        this.teams = teams;
    }

    @GetMapping("/cis")
    @RequiresRole(Role.VIEWER)
    String list(ListFilter filter, @RequestParam(required = false) Integer page, Model model) {
        var shown = filter;
        try {
            model.addAttribute("page", cis.search(filter.toFilter(), PageRequest.of(page, null)));
        } catch (InvalidInputException e) {
            // Show the whole list with the reason, and let the pager and export links drop the bad filter.
            model.addAttribute("errors", FormErrors.of(e));
            model.addAttribute("page", cis.search(CiFilter.none(), PageRequest.of(0, null)));
            shown = ListFilter.none();
        }
        model.addAttribute("filter", shown);
        model.addAttribute("pagerBase", shown.pagerBase());
        model.addAttribute("exportQuery", shown.exportQuery());
        model.addAttribute("tags", cis.tagsInUse());
        addChoices(model);
        return "inventory/cis";
    }

    /** How many CIs there are of each class: a fragment the list loads after itself. */
    @GetMapping("/cis/summary")
    @RequiresRole(Role.VIEWER)
    String summary(Model model) {
        model.addAttribute("classCounts", cis.countByClass());
        model.addAttribute("classes", Choice.options(CiClass.class));
        return "inventory/cis :: class-counts";
    }

    @GetMapping("/cis/new")
    @RequiresRole(Role.OPERATOR)
    String newCi(@RequestParam(name = "class", required = false) String ciClass, Model model) {
        var form = CiForm.blank();
        form.values().put("class", ciClass);
        return form(null, form, model);
    }

    @PostMapping("/cis")
    @RequiresRole(Role.OPERATOR)
    String create(@RequestParam MultiValueMap<String, String> request, Model model, RedirectAttributes redirect) {
        var form = CiForm.from(request);
        try {
            var created = cis.create(form.toInput());
            redirect.addFlashAttribute("notice", "%s %s created.".formatted(created.ciClass().label(), created.name()));
            return "redirect:/cis/" + created.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", fieldErrors(e));
            return form(null, form, model);
        }
    }

    @GetMapping("/cis/{id}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable UUID id, Model model) {
        var ci = cis.get(id);
        var dependencies = impact.analyse(id, ImpactResult.Direction.DEPENDENCIES, 0, false);
        var impacted = impact.analyse(id, ImpactResult.Direction.IMPACTED, 0, false);
        model.addAttribute("ci", ci);
        model.addAttribute("relationships", relationships.forCi(id));
        model.addAttribute("dependencies", dependencies);
        model.addAttribute("impacted", impacted);
        model.addAttribute("picture", ImpactPicture.of(impacted.root(), dependencies, impacted));
        model.addAttribute("relationOptions", relationOptions());
        model.addAttribute("today", java.time.LocalDate.now());
        return "inventory/ci";
    }

    @GetMapping("/cis/{id}/edit")
    @RequiresRole(Role.OPERATOR)
    String edit(@PathVariable UUID id, Model model) {
        return form(cis.get(id), CiForm.of(cis.get(id)), model);
    }

    @PostMapping("/cis/{id}")
    @RequiresRole(Role.OPERATOR)
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> request, Model model,
            RedirectAttributes redirect) {
        var form = CiForm.from(request);
        try {
            cis.update(id, form.toInput());
            redirect.addFlashAttribute("notice", "Changes saved.");
            return "redirect:/cis/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", fieldErrors(e));
            return form(cis.get(id), form, model);
        }
    }

    @PostMapping("/cis/{id}/delete")
    @RequiresRole(Role.OPERATOR)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var ci = cis.get(id);
        cis.delete(id);
        redirect.addFlashAttribute("notice", "%s %s deleted.".formatted(ci.ciClass().label(), ci.name()));
        return "redirect:/cis";
    }

    /**
     * Adds a relationship from this CI's point of view: {@code relation} is a type key, prefixed
     * with {@code inverse:} when this CI is the target ("this CI hosts the other").
     */
    @PostMapping("/cis/{id}/relationships")
    @RequiresRole(Role.OPERATOR)
    String relate(@PathVariable UUID id, @RequestParam(defaultValue = "") String relation,
            @RequestParam(defaultValue = "") String other, RedirectAttributes redirect) {
        var inverse = relation.startsWith("inverse:");
        var type = inverse ? relation.substring("inverse:".length()) : relation;
        var input = inverse
                ? new RelationshipInput(other, type, id.toString())
                : new RelationshipInput(id.toString(), type, other);
        try {
            var created = relationships.create(input);
            redirect.addFlashAttribute("notice", "Added: %s %s %s.".formatted(created.source().name(),
                    created.type().label(), created.target().name()));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("relationError", String.join("; ", FormErrors.of(e).values()));
        }
        return "redirect:/cis/" + id + "#relationships";
    }

    @PostMapping("/cis/{id}/relationships/{relationshipId}/delete")
    @RequiresRole(Role.OPERATOR)
    String unrelate(@PathVariable UUID id, @PathVariable UUID relationshipId, RedirectAttributes redirect) {
        relationships.delete(relationshipId);
        redirect.addFlashAttribute("notice", "Relationship removed.");
        return "redirect:/cis/" + id + "#relationships";
    }

    /** Candidates for the other end of a new relationship, as options for the picker (htmx). */
    @GetMapping("/cis/{id}/relationship-candidates")
    @RequiresRole(Role.OPERATOR)
    String candidates(@PathVariable UUID id, @RequestParam(defaultValue = "") String q, Model model) {
        var found = q.isBlank() ? List.<CiView>of()
                : cis.search(new CiFilter(q, null, null, null, null, null, null, null), new PageRequest(0, 20)).items()
                        .stream().filter(ci -> !ci.id().equals(id)).toList();
        model.addAttribute("candidates", found);
        model.addAttribute("q", q);
        return "inventory/candidates :: options";
    }

    @GetMapping("/cis/{id}/impact")
    @RequiresRole(Role.VIEWER)
    String impactList(@PathVariable UUID id, @RequestParam(defaultValue = "impacted") String direction,
            @RequestParam(defaultValue = "0") int page, Model model) {
        var result = impact.analyse(id, CiApi.ImpactDirections.parse(direction), 0, false);
        var pageRequest = new PageRequest(Math.max(0, page), IMPACT_PAGE_SIZE);
        var nodes = result.nodes();
        int from = (int) Math.min(nodes.size(), pageRequest.offset());
        int to = Math.min(nodes.size(), from + IMPACT_PAGE_SIZE);
        var names = new java.util.HashMap<UUID, String>();
        names.put(result.root().id(), result.root().name());
        nodes.forEach(n -> names.put(n.ci().id(), n.ci().name()));
        model.addAttribute("result", result);
        model.addAttribute("page", pageRequest.toPage(nodes.subList(from, to), nodes.size()));
        model.addAttribute("names", names);
        model.addAttribute("pagerBase", "/cis/" + id + "/impact?direction=" + result.direction().key() + "&");
        return "inventory/impact";
    }

    private String form(CiView ci, CiForm form, Model model) {
        model.addAttribute("ci", ci);
        model.addAttribute("form", form);
        addChoices(model);
        var teamOptions = new LinkedHashMap<String, String>();
        teams.all().forEach(t -> teamOptions.put(t.name(), t.name()));
        model.addAttribute("teamOptions", teamOptions);
        return "inventory/ci-form";
    }

    private static void addChoices(Model model) {
        model.addAttribute("classes", Choice.options(CiClass.class));
        model.addAttribute("statuses", Choice.options(CiStatus.class));
        model.addAttribute("environments", Choice.options(Environment.class));
        model.addAttribute("criticalities", Choice.options(Criticality.class));
        model.addAttribute("sorts", Map.of("name", "Name", "class", "Class", "status", "Status", "updated",
                "Recently changed"));
    }

    /** Both readings of every relationship type, from this CI's point of view. */
    private static Map<String, String> relationOptions() {
        var options = new LinkedHashMap<String, String>();
        for (var type : RelationshipType.values()) {
            options.put(type.key(), "this CI " + type.label() + " …");
            options.put("inverse:" + type.key(), "this CI " + type.inverseLabel() + " …");
        }
        return options;
    }

    /** Errors keyed by form field: attribute errors ("attributes.x") show beside the attributes box. */
    private static Map<String, String> fieldErrors(OpslineException e) {
        var errors = new LinkedHashMap<String, String>();
        FormErrors.of(e).forEach((field, message) -> errors.merge(
                field.startsWith("attributes.") ? "attributes" : field,
                field.startsWith("attributes.") ? field.substring("attributes.".length()) + ": " + message : message,
                (a, b) -> a + "; " + b));
        return errors;
    }
}
