package io.opsline.monitoring.web;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

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
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.acknowledgement.BulkAcknowledgement;
import io.opsline.monitoring.internal.acknowledgement.BulkAcknowledgementInput;
import io.opsline.monitoring.internal.downtime.DowntimeInput;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.engine.CheckStates;
import io.opsline.monitoring.internal.engine.StateView;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.FormErrors;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.OpslineException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.PagerLinks;
import io.opsline.platform.Violations;

/**
 * The status board (problems first, refreshing itself, with bulk acknowledgement and downtime),
 * the list of all checks, and the checks of one CI as a fragment its page loads.
 */
@Controller
class BoardPages {

    /** The most problems the board lists at once; beyond that the filters narrow it down. */
    static final int MAX_ROWS = 500;
    /**
     * How often the board refreshes itself, in seconds, besides when {@link BoardStream} announces a
     * change: a safety net for a stream that a proxy holds up, and for changes that leave no history.
     */
    static final int REFRESH_SECONDS = 30;
    /** How long a downtime lasts when no end is given. */
    static final Duration DEFAULT_DOWNTIME = Duration.ofHours(2);
    /** The most checks of one CI its page lists. */
    static final int CI_CHECKS = 100;
    private static final String SELECT_FIRST = "Select at least one problem in the table first.";
    private static final int MAX_TAG = 60;

    private final CheckStates states;
    private final CheckDefinitions checks;
    private final Acknowledgements acknowledgements;
    private final Downtimes downtimes;
    private final Teams teams;
    private final Inventory inventory;

    BoardPages(CheckStates states, CheckDefinitions checks, Acknowledgements acknowledgements, Downtimes downtimes,
            Teams teams, Inventory inventory) {
        this.inventory = inventory;
        this.states = states;
        this.checks = checks;
        this.acknowledgements = acknowledgements;
        this.downtimes = downtimes;
        this.teams = teams;
    }

    @GetMapping("/monitoring")
    @RequiresRole(Role.VIEWER)
    String board(BoardFilter filter, Model model) {
        return board(filter, BulkForm.none(), Map.of(), model);
    }

    /** Acknowledges the selected problems with one comment; says which were and which were not, and why. */
    @PostMapping("/monitoring/acknowledgements")
    @RequiresRole(Role.OPERATOR)
    String acknowledge(BoardFilter filter, @RequestParam MultiValueMap<String, String> request, Principal principal,
            Model model, RedirectAttributes redirect) {
        var form = BulkForm.from(request, "acknowledge");
        BulkAcknowledgement result;
        try {
            var expiresAt = Expiry.read(form.get("expiresAt"), form.get("zone"), form.get("comment"));
            result = acknowledgements.acknowledgeAll(new BulkAcknowledgementInput(form.checks(), form.get("comment"),
                    "true".equals(form.get("sticky")), expiresAt), principal.getName());
        } catch (InvalidInputException e) {
            var errors = new LinkedHashMap<String, String>();
            for (var violation : e.violations()) {
                if (violation.field().equals("checkIds")) {
                    errors.merge("", form.selected().isEmpty() ? SELECT_FIRST : violation.message(), BoardPages::join);
                } else {
                    errors.merge(violation.field(), violation.message(), BoardPages::join);
                }
            }
            return board(filter, form, errors, model);
        }
        var names = labels(result.results().stream().map(BulkAcknowledgement.Outcome::checkId).toList());
        var done = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (var outcome : result.results()) {
            var name = names.getOrDefault(outcome.checkId(), outcome.checkId());
            if (outcome.acknowledged()) {
                done.add(name);
            } else {
                refused.add(name + ": " + outcome.reason());
            }
        }
        redirect.addFlashAttribute("outcome", new BulkOutcome("Acknowledged %d of %d selected problem%s."
                .formatted(result.acknowledged(), result.results().size(), result.results().size() == 1 ? "" : "s"),
                done, refused));
        return "redirect:" + filter.url();
    }

    /**
     * Schedules downtime for the selected problems: for their whole CIs ({@code cover=ci}, the
     * default) or only for those checks ({@code cover=check}). Each CI or check is scheduled on its
     * own, so some may be refused while the others go ahead.
     */
    @PostMapping("/monitoring/downtimes")
    @RequiresRole(Role.OPERATOR)
    String scheduleDowntime(BoardFilter filter, @RequestParam MultiValueMap<String, String> request,
            Principal principal, Model model, RedirectAttributes redirect) {
        var form = BulkForm.from(request, "downtime");
        var zone = LocalTimes.zone(form.get("zone"));
        var v = new Violations();
        if (form.selected().isEmpty()) {
            v.add("", SELECT_FIRST);
        }
        var comment = form.get("downtimeComment");
        if (comment == null || comment.isBlank()) {
            v.add("downtimeComment", "is required: why, for those who see the problems meanwhile");
        }
        var now = Instant.now();
        var start = LocalTimes.instant(v, "start", form.get("start"), zone);
        var end = LocalTimes.instant(v, "end", form.get("end"), zone);
        if (!v.isEmpty()) {
            return board(filter, form, FieldViolation.byField(v.list()), model);
        }
        var from = start == null ? now : start;
        var until = end == null ? from.plus(DEFAULT_DOWNTIME) : end;
        var wholeCis = !"check".equals(form.get("cover"));

        var done = new ArrayList<String>();
        var refused = new ArrayList<String>();
        // One downtime per CI (several selected checks of a CI share it) or per check.
        var targets = new LinkedHashMap<UUID, DowntimeTarget>();
        for (var view : views(form.checks(), refused)) {
            var row = StateRow.of(view, now);
            if (wholeCis) {
                targets.putIfAbsent(view.ci().id(), new DowntimeTarget("CI " + row.ciName() + " (all its checks)",
                        new DowntimeInput(view.ci().id().toString(), null, null, false, comment,
                                LocalTimes.iso(from, zone), LocalTimes.iso(until, zone), null)));
            } else {
                targets.put(view.checkId(), new DowntimeTarget(row.label(), new DowntimeInput(null,
                        view.checkId().toString(), null, false, comment, LocalTimes.iso(from, zone),
                        LocalTimes.iso(until, zone), null)));
            }
        }
        for (var target : targets.values()) {
            try {
                downtimes.create(target.input(), principal.getName());
                done.add(target.label());
            } catch (InvalidInputException e) {
                if (done.isEmpty() && concernsTheForm(e)) {
                    // The comment and the times are the same for every target: say so beside the fields.
                    return board(filter, form, downtimeErrors(e), model);
                }
                refused.add(target.label() + ": " + String.join("; ", FormErrors.of(e).values()));
            } catch (ConflictException | NotFoundException e) {
                refused.add(target.label() + ": " + e.getMessage());
            }
        }
        var what = wholeCis ? (done.size() == 1 ? "CI" : "CIs") : (done.size() == 1 ? "check" : "checks");
        redirect.addFlashAttribute("outcome", new BulkOutcome("Scheduled downtime for %d %s, %s."
                .formatted(done.size(), what, LocalTimes.span(from, until, zone)), done, refused));
        return "redirect:" + filter.url();
    }

    /** Every check, or those of one CI, of one type or in one state, page by page. */
    @GetMapping("/monitoring/checks")
    @RequiresRole(Role.VIEWER)
    String checks(@RequestParam(required = false) String ci, @RequestParam(required = false) String type,
            @RequestParam(required = false) String state, @RequestParam(required = false) Integer page, Model model) {
        String shownCi = ci;
        String shownType = type;
        String shownState = state;
        Page<CheckView> found;
        try {
            found = checks.search(ci, type, state, PageRequest.of(page, null));
        } catch (InvalidInputException e) {
            // Show every check with the reason, and let the pager drop the bad filter.
            model.addAttribute("errors", FormErrors.of(e));
            found = checks.search(null, null, null, PageRequest.of(0, null));
            shownCi = null;
            shownType = null;
            shownState = null;
        }
        var now = Instant.now();
        var views = states.of(found.items().stream().map(CheckView::id).toList());
        model.addAttribute("page", found.map(c -> new CheckRow(c, views.containsKey(c.id())
                ? StateRow.of(views.get(c.id()), now) : null)));
        model.addAttribute("ci", shownCi);
        var ciId = shownCi == null ? null : Ids.parseOrNull(shownCi.strip());
        model.addAttribute("ciId", ciId);
        model.addAttribute("ciName", ciId == null ? null
                : inventory.find(ciId).map(CiSummary::name).orElse(ciId.toString()));
        model.addAttribute("type", shownType);
        model.addAttribute("state", shownState);
        model.addAttribute("types", Choice.options(CheckType.class));
        model.addAttribute("stateOptions", checkStateOptions());
        model.addAttribute("pagerBase", PagerLinks.base("/monitoring/checks", "ci", shownCi, "type", shownType,
                "state", shownState));
        var allCis = PagerLinks.query("type", shownType, "state", shownState);
        model.addAttribute("allCis", "/monitoring/checks" + (allCis.isEmpty() ? "" : "?" + allCis));
        return "monitoring/checks";
    }

    /** A CI's checks with their states: a fragment the CI's page loads, so that inventory needs only its address. */
    @GetMapping("/monitoring/ci/{id}/checks")
    @RequiresRole(Role.VIEWER)
    String ciChecks(@PathVariable UUID id, Model model) {
        var found = checks.search(id.toString(), null, null, new PageRequest(0, CI_CHECKS));
        var now = Instant.now();
        var views = states.of(found.items().stream().map(CheckView::id).toList());
        model.addAttribute("rows", found.items().stream().filter(c -> views.containsKey(c.id()))
                .map(c -> StateRow.of(views.get(c.id()), now)).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("ciId", id);
        return "monitoring/ci-checks :: checks";
    }

    /** One downtime to schedule, and how the outcome names it. */
    private record DowntimeTarget(String label, DowntimeInput input) {
    }

    /** A check with where it stands (null if it vanished meanwhile), as the list of checks shows it. */
    public record CheckRow(CheckView check, StateRow state) {
    }

    private String board(BoardFilter filter, BulkForm form, Map<String, String> formErrors, Model model) {
        var errors = new LinkedHashMap<>(formErrors);
        var shown = filter;
        Predicate<StateView> matches;
        try {
            matches = matcher(filter);
        } catch (InvalidInputException e) {
            // Show every problem with the reason; the bad filter is dropped from the refresh and the links.
            errors.putAll(FormErrors.of(e));
            matches = view -> true;
            shown = BoardFilter.none();
        }
        var now = Instant.now();
        var problems = states.problems();
        var matching = problems.stream().filter(matches).toList();
        model.addAttribute("rows", matching.stream().limit(MAX_ROWS).map(v -> StateRow.of(v, now)).toList());
        model.addAttribute("matching", matching.size());
        model.addAttribute("unhandled", problems.stream().filter(StateView::isUnhandled).count());
        model.addAttribute("counts", states.countByState());
        model.addAttribute("filter", shown);
        model.addAttribute("updatedAt", now);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("maxRows", MAX_ROWS);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        model.addAttribute("stateOptions", problemStateOptions());
        model.addAttribute("classes", Choice.options(CiClass.class));
        model.addAttribute("tags", tags(problems, shown.tag()));
        var teamNames = new LinkedHashMap<String, String>();
        teams.all().forEach(t -> teamNames.put(t.name(), t.name()));
        model.addAttribute("teamOptions", teamNames);
        return "monitoring/board";
    }

    private Predicate<StateView> matcher(BoardFilter filter) {
        var v = new Violations();
        var state = v.optionalChoice("state", filter.state(), ServiceState.class);
        var ciClass = v.optionalChoice("class", filter.ciClass(), CiClass.class);
        var tag = v.optional("tag", filter.tag(), MAX_TAG);
        UUID teamId = null;
        if (filter.team() != null && !filter.team().isBlank()) {
            teamId = teams.resolve(filter.team()).map(TeamRef::id).orElse(null);
            if (teamId == null) {
                v.add("team", "no team named '%s'".formatted(filter.team().strip()));
            }
        }
        v.throwIfAny("Invalid filter");
        var team = teamId;
        var hideHandled = filter.hidesHandled();
        return view -> (state == null || state.name().equals(view.state()))
                && (ciClass == null || ciClass == view.ci().ciClass())
                && (tag == null || view.ci().tags().stream().anyMatch(tag::equalsIgnoreCase))
                && (team == null || team.equals(view.ci().ownerTeamId()))
                && (!hideHandled || view.isUnhandled());
    }

    /** The tags the problems' CIs carry, to filter by, and the one chosen even if no problem carries it now. */
    private static List<String> tags(List<StateView> problems, String chosen) {
        var tags = new TreeSet<String>();
        problems.forEach(p -> tags.addAll(p.ci().tags()));
        if (chosen != null && !chosen.isBlank()) {
            tags.add(chosen.strip());
        }
        return List.copyOf(tags);
    }

    /** The selected checks as they stand now; ids that are no check are refused here with the reason. */
    private List<StateView> views(List<String> selected, List<String> refused) {
        var ids = new ArrayList<UUID>();
        for (var text : selected) {
            var id = Ids.parseOrNull(text);
            if (id == null) {
                refused.add(text + ": not a check id");
            } else {
                ids.add(id);
            }
        }
        var found = states.of(ids);
        var views = new ArrayList<StateView>();
        for (var id : ids) {
            if (found.containsKey(id)) {
                views.add(found.get(id));
            } else {
                refused.add(id + ": no check with this id");
            }
        }
        return views;
    }

    /** "web01 · disk" for each of these check ids that is a check, by the id as given. */
    private Map<String, String> labels(List<String> checkIds) {
        var ids = new HashMap<UUID, String>();
        checkIds.forEach(text -> {
            var id = text == null ? null : Ids.parseOrNull(text.strip());
            if (id != null) {
                ids.put(id, text);
            }
        });
        var now = Instant.now();
        var labels = new HashMap<String, String>();
        states.of(ids.keySet()).forEach((id, view) -> labels.put(ids.get(id), StateRow.of(view, now).label()));
        return labels;
    }

    private static boolean concernsTheForm(InvalidInputException e) {
        return e.violations().stream().map(FieldViolation::field)
                .anyMatch(f -> f.equals("comment") || f.equals("start") || f.equals("end"));
    }

    /** The downtime's violations keyed by the board's field names; anything about one target goes on top. */
    private static Map<String, String> downtimeErrors(OpslineException e) {
        var errors = new LinkedHashMap<String, String>();
        FormErrors.of(e).forEach((field, message) -> {
            var key = switch (field) {
                case "comment" -> "downtimeComment";
                case "start", "end" -> field;
                default -> "";
            };
            errors.merge(key, message, BoardPages::join);
        });
        return errors;
    }

    private static String join(String a, String b) {
        return a + "; " + b;
    }

    private static Map<String, String> problemStateOptions() {
        var options = new LinkedHashMap<String, String>();
        for (var state : List.of(ServiceState.CRITICAL, ServiceState.WARNING, ServiceState.UNKNOWN)) {
            options.put(state.key(), state.name());
        }
        return options;
    }

    private static Map<String, String> checkStateOptions() {
        var options = problemStateOptions();
        options.put(ServiceState.OK.key(), ServiceState.OK.name());
        options.put(CheckDefinitions.PENDING, CheckDefinitions.PENDING.toUpperCase(Locale.ROOT));
        return options;
    }
}
