package io.opsline.servicedesk.web;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.ForbiddenException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PageRequest;
import io.opsline.platform.PagerLinks;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.CommentInput;
import io.opsline.servicedesk.internal.HoldReason;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.IncidentFilter;
import io.opsline.servicedesk.internal.IncidentView;
import io.opsline.servicedesk.internal.IncidentViews;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.Level;
import io.opsline.servicedesk.internal.OpenedThrough;
import io.opsline.servicedesk.internal.PriorityMatrix;
import io.opsline.servicedesk.internal.ResolutionCode;
import io.opsline.servicedesk.internal.ServiceDeskProperties;
import io.opsline.servicedesk.internal.TransitionInput;
import io.opsline.servicedesk.internal.customer.Customers;

/**
 * Incidents as the desk works them: the queue (open ones first, P1 first), the form that opens one,
 * and one incident's page with its lifecycle buttons, its edit form and its timeline. A form refused
 * shows the page again with each message beside its field; an edit on a stale version shows the
 * conflict and what is stored now, and overwrites nothing.
 */
@Controller
class IncidentPages {

    /** The state filter's value for "every state"; no parameter at all means the open ones. */
    private static final String ANY_STATE = "any";
    private static final String OPEN_STATES = "open";

    private final Incidents incidents;
    private final IncidentViews views;
    private final Teams teams;
    private final People people;
    private final Inventory inventory;
    private final PriorityMatrix matrix;
    private final ServiceDeskProperties properties;
    private final Customers customers;

    IncidentPages(Incidents incidents, IncidentViews views, Teams teams, People people, Inventory inventory,
            PriorityMatrix matrix, ServiceDeskProperties properties, Customers customers) {
        this.incidents = incidents;
        this.views = views;
        this.teams = teams;
        this.people = people;
        this.inventory = inventory;
        this.matrix = matrix;
        this.properties = properties;
        this.customers = customers;
    }

    @GetMapping("/incidents")
    @RequiresRole(Role.VIEWER)
    String list(IncidentQuery query, @RequestParam(required = false) String page, Principal principal, Model model) {
        var shownState = query.state() == null || query.state().isEmpty() ? OPEN_STATES : query.state().getFirst();
        var asked = withStates(query, ANY_STATE.equalsIgnoreCase(shownState) ? List.of() : List.of(shownState));
        var errors = new LinkedHashMap<String, String>();
        IncidentFilter filter;
        try {
            filter = asked.toFilter(teams, people, customers, principal.getName());
        } catch (InvalidInputException e) {
            errors.putAll(FormErrors.of(e));
            filter = withStates(new IncidentQuery(null, null, null, null, null, null, null, null, null, null, null,
                    null, null), List.of(OPEN_STATES)).toFilter(teams, people, customers, principal.getName());
        }
        var pageNumber = pageNumber(page, errors);
        var found = incidents.search(filter, new PageRequest(pageNumber, PageRequest.DEFAULT_SIZE));
        if (found.items().isEmpty() && found.total() > 0) {
            found = incidents.search(filter, new PageRequest(found.totalPages() - 1, PageRequest.DEFAULT_SIZE));
        }
        var now = Instant.now();
        model.addAttribute("page", views.of(found).map(view -> IncidentRow.of(view, now)));
        model.addAttribute("query", query);
        model.addAttribute("shownState", shownState);
        model.addAttribute("shownPriority", query.priority() == null || query.priority().isEmpty() ? ""
                : query.priority().getFirst());
        model.addAttribute("openCounts", openCountsByPriority());
        model.addAttribute("stateOptions", stateOptions());
        model.addAttribute("priorityOptions", Choice.options(Priority.class));
        model.addAttribute("teamOptions", teamOptions());
        model.addAttribute("customerOptions", customerOptions());
        model.addAttribute("serviceOptions", serviceOptions());
        model.addAttribute("usernames", usernames());
        model.addAttribute("errors", errors);
        model.addAttribute("pagerBase", PagerLinks.base("/incidents", "state", shownState, "priority",
                (String) model.getAttribute("shownPriority"), "team", query.team(), "assignee", query.assignee(),
                "major", query.major() == null ? null : query.major().toString(), "q", query.q(), "service",
                query.service(), "customer", query.customer()));
        return "servicedesk/incidents";
    }

    @GetMapping("/incidents/new")
    @RequiresRole(Role.OPERATOR)
    String newForm(Model model) {
        return form(IncidentForm.blank(), Map.of(), model);
    }

    @PostMapping("/incidents")
    @RequiresRole(Role.OPERATOR)
    String create(IncidentForm form, Principal principal, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            var incident = incidents.create(form.toInput(), principal.getName(), OpenedThrough.UI, null);
            redirect.addFlashAttribute("notice", "Opened " + incident.reference() + " as " + incident.priority().label()
                    + ".");
            return "redirect:/incidents/" + incident.reference();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(form, IncidentForm.shownErrors(FormErrors.of(e)), model);
        }
    }

    @GetMapping("/incidents/{ref}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable String ref, Model model) {
        return detail(new Shown(incidents.get(ref)), model);
    }

    /** Saves the edit form; on a stale version nothing is saved and the page shows what is stored now. */
    @PostMapping("/incidents/{ref}")
    @RequiresRole(Role.OPERATOR)
    String edit(@PathVariable String ref, IncidentForm form, Principal principal, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        var current = incidents.get(ref);
        try {
            var changed = incidents.change(current.id(), form.toChange(), principal.getName());
            redirect.addFlashAttribute("notice", "Saved " + changed.reference() + ".");
            return "redirect:/incidents/" + changed.reference();
        } catch (InvalidInputException e) {
            var shown = new Shown(current);
            shown.edit = form;
            return refused(shown, IncidentForm.shownErrors(FormErrors.of(e)), model, response);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            var shown = new Shown(incidents.get(current.id()));
            shown.conflict = e.getMessage();
            shown.lostEdits = form;
            return detail(shown, model);
        }
    }

    /** Moves the incident to another state: the buttons for hold, resolve, reopen and close. */
    @PostMapping("/incidents/{ref}/transition")
    @RequiresRole(Role.OPERATOR)
    String transition(@PathVariable String ref, TransitionInput move, Principal principal, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        var current = incidents.get(ref);
        try {
            var moved = incidents.transition(current.id(), move, principal.getName());
            redirect.addFlashAttribute("notice", moved.reference() + " is " + moved.state().label() + " now.");
            return "redirect:/incidents/" + moved.reference();
        } catch (InvalidInputException e) {
            var shown = new Shown(current);
            shown.move = move;
            return refused(shown, FormErrors.of(e), model, response);
        } catch (ConflictException e) {
            return conflict(current, e, model, response);
        }
    }

    /** "Take it": In progress, and the signed-in operator's when nobody has it yet. */
    @PostMapping("/incidents/{ref}/acknowledge")
    @RequiresRole(Role.OPERATOR)
    String acknowledge(@PathVariable String ref, @RequestParam(required = false) Long version, Principal principal,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        var current = incidents.get(ref);
        var me = people.findByUsername(principal.getName())
                .orElseThrow(() -> new ForbiddenException("The signed-in user no longer exists"));
        try {
            var taken = incidents.acknowledge(current.id(), version, me);
            redirect.addFlashAttribute("notice", me.id().equals(taken.assigneeId())
                    ? "You have " + taken.reference() + " now; it is " + taken.state().label() + "."
                    : taken.reference() + " is " + taken.state().label() + "; it stays with its assignee.");
            return "redirect:/incidents/" + taken.reference();
        } catch (InvalidInputException e) {
            return refused(new Shown(current), FormErrors.of(e), model, response);
        } catch (ConflictException e) {
            return conflict(current, e, model, response);
        }
    }

    /** A comment the caller sees, or with {@code workNote=true} an internal note. */
    @PostMapping("/incidents/{ref}/comments")
    @RequiresRole(Role.OPERATOR)
    String comment(@PathVariable String ref, CommentInput comment, Principal principal, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        var current = incidents.get(ref);
        try {
            incidents.comment(current.id(), comment, principal.getName());
            redirect.addFlashAttribute("notice", Boolean.TRUE.equals(comment.workNote())
                    ? "Work note added; only the desk sees it." : "Comment added; the caller sees it.");
            return "redirect:/incidents/" + current.reference() + "#timeline";
        } catch (InvalidInputException e) {
            var shown = new Shown(current);
            shown.comment = comment;
            return refused(shown, FormErrors.of(e), model, response);
        }
    }

    /** What one incident's page shows beyond the incident: a refused form, a lost race. */
    private static final class Shown {
        final Incident incident;
        IncidentForm edit;
        IncidentForm lostEdits;
        TransitionInput move;
        CommentInput comment;
        Map<String, String> errors = Map.of();
        String conflict;

        Shown(Incident incident) {
            this.incident = incident;
        }
    }

    private String refused(Shown shown, Map<String, String> errors, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        shown.errors = errors;
        return detail(shown, model);
    }

    private String conflict(Incident current, ConflictException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        var shown = new Shown(incidents.get(current.id()));
        shown.conflict = e.getMessage();
        return detail(shown, model);
    }

    private String detail(Shown shown, Model model) {
        var view = views.of(shown.incident);
        var stored = IncidentForm.of(view, peopleOf(view));
        model.addAttribute("row", IncidentRow.of(view, Instant.now()));
        model.addAttribute("incident", view);
        model.addAttribute("timeline", incidents.timeline(view.id(), false).stream().map(TimelineLine::of).toList());
        var form = shown.edit == null ? stored : shown.edit;
        model.addAttribute("form", form);
        model.addAttribute("formPriority", priorityOf(form));
        model.addAttribute("editing", shown.edit != null || shown.lostEdits != null);
        model.addAttribute("lostEdits", shown.lostEdits == null ? Map.of() : shown.lostEdits.differencesFrom(stored));
        model.addAttribute("move", shown.move == null ? new TransitionInput(null, null, null, null, null, null)
                : shown.move);
        model.addAttribute("comment", shown.comment == null ? new CommentInput(null, false) : shown.comment);
        model.addAttribute("errors", shown.errors);
        model.addAttribute("conflict", shown.conflict);
        model.addAttribute("takeable", view.state().open()
                && (view.state() != IncidentState.IN_PROGRESS || view.assignee() == null));
        model.addAttribute("holdOptions", Choice.options(HoldReason.class));
        model.addAttribute("resolutionOptions", Choice.options(ResolutionCode.class));
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        formOptions(model);
        return "servicedesk/incident";
    }

    private String form(IncidentForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("formPriority", priorityOf(form));
        model.addAttribute("errors", errors);
        formOptions(model);
        return "servicedesk/incident-form";
    }

    private void formOptions(Model model) {
        var categories = new LinkedHashMap<String, String>();
        properties.categories().forEach(c -> categories.put(c, c));
        model.addAttribute("categoryOptions", categories);
        model.addAttribute("levelOptions", Choice.options(Level.class));
        model.addAttribute("teamOptions", teamOptions());
        model.addAttribute("customerOptions", customerOptions());
        model.addAttribute("usernames", usernames());
        model.addAttribute("matrix", matrix.rows());
        model.addAttribute("levels", List.of(Level.values()));
    }

    /** The priority the form's impact and urgency give; medium stands in for one not (yet) valid. */
    private Priority priorityOf(IncidentForm form) {
        return matrix.priority(Choice.parse(Level.class, form.impact()).orElse(Level.MEDIUM),
                Choice.parse(Level.class, form.urgency()).orElse(Level.MEDIUM));
    }

    private Map<UUID, Person> peopleOf(IncidentView view) {
        var ids = new HashSet<UUID>();
        if (view.caller() != null) {
            ids.add(view.caller().id());
        }
        if (view.assignee() != null) {
            ids.add(view.assignee().id());
        }
        return ids.isEmpty() ? Map.of() : people.findAll(ids);
    }

    /** How many open incidents there are of each priority: the first thing the queue shows. */
    private Map<Priority, Long> openCountsByPriority() {
        var open = EnumSet.noneOf(IncidentState.class);
        EnumSet.allOf(IncidentState.class).stream().filter(IncidentState::open).forEach(open::add);
        var counts = new LinkedHashMap<Priority, Long>();
        for (var priority : Priority.values()) {
            counts.put(priority, incidents.search(new IncidentFilter(open, EnumSet.of(priority), null, null, null, null,
                    null, null, null, null, null, null, null), new PageRequest(0, 1)).total());
        }
        return counts;
    }

    private static IncidentQuery withStates(IncidentQuery query, List<String> states) {
        return new IncidentQuery(states, query.priority(), query.team(), query.assignee(), query.caller(),
                query.customer(), query.service(), query.ci(), query.major(), query.q(), query.openedFrom(), query.openedTo(),
                query.sort());
    }

    private static Map<String, String> stateOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put(OPEN_STATES, "Open (not resolved)");
        options.put(ANY_STATE, "Any state");
        options.putAll(Choice.options(IncidentState.class));
        return options;
    }

    private Map<String, String> teamOptions() {
        var options = new LinkedHashMap<String, String>();
        teams.all().stream().sorted(Comparator.comparing(TeamRef::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(t -> options.put(t.id().toString(), t.name()));
        return options;
    }

    private Map<String, String> customerOptions() {
        var options = new LinkedHashMap<String, String>();
        customers.all().forEach(c -> options.put(c.id().toString(), c.name()));
        return options;
    }

    private Map<String, String> serviceOptions() {
        var options = new LinkedHashMap<String, String>();
        inventory.findMatching(CiClass.BUSINESS_SERVICE, Set.of(), EnumSet.allOf(CiStatus.class))
                .forEach(s -> options.put(s.id().toString(), s.name()));
        return options;
    }

    private List<String> usernames() {
        return people.enabled().stream().map(Person::username).toList();
    }

    private static int pageNumber(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            errors.put("page", "must be a whole number");
            return 0;
        }
    }
}
