package io.opsline.servicedesk.web;

import java.net.URI;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.Choice;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.problem.ProblemEntry;
import io.opsline.servicedesk.internal.problem.ProblemFilter;
import io.opsline.servicedesk.internal.problem.ProblemInput;
import io.opsline.servicedesk.internal.problem.ProblemState;
import io.opsline.servicedesk.internal.problem.ProblemTransition;
import io.opsline.servicedesk.internal.problem.ProblemView;
import io.opsline.servicedesk.internal.problem.ProblemViews;
import io.opsline.servicedesk.internal.problem.Problems;

/**
 * Problems over REST, addressed by id or reference (PRB-000123). They live under
 * {@code /api/v1/servicedesk} because {@code /api/v1/problems} is monitoring's list of checks in trouble. Everyone on the desk reads them;
 * operators open, change and move them and link the incidents they explain. Every change carries
 * the {@code version} it was made on: a stale one is answered 409 and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/servicedesk/problems")
class ProblemApi {

    private final Problems problems;
    private final ProblemViews views;

    ProblemApi(Problems problems, ProblemViews views) {
        this.problems = problems;
        this.views = views;
    }

    /**
     * Problems, open ones first: {@code state} repeatable (or {@code open}), {@code ci} (an id),
     * {@code q} (words in the title, or a reference).
     */
    @GetMapping
    @RequiresRole(Role.VIEWER)
    Page<ProblemView> list(@RequestParam(required = false) List<String> state,
            @RequestParam(required = false) String ci, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return views.of(problems.search(filter(state, ci, q), PageRequest.of(page, size)));
    }

    @PostMapping
    @RequiresRole(Role.OPERATOR)
    ResponseEntity<ProblemView> create(@RequestBody ProblemInput input, Principal principal) {
        var problem = problems.create(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/servicedesk/problems/" + problem.reference()))
                .body(views.of(problem));
    }

    @GetMapping("/{ref}")
    @RequiresRole(Role.VIEWER)
    ProblemView get(@PathVariable String ref) {
        return views.of(problems.get(ref));
    }

    /** Changes fields; those left out stay as they are. */
    @PatchMapping("/{ref}")
    @RequiresRole(Role.OPERATOR)
    ProblemView change(@PathVariable String ref, @RequestBody ProblemInput change, Principal principal) {
        return views.of(problems.change(problems.get(ref).id(), change, principal.getName()));
    }

    /** Moves the problem to {@code state}; a move its lifecycle does not allow is a 409 naming the allowed ones. */
    @PostMapping("/{ref}/transition")
    @RequiresRole(Role.OPERATOR)
    ProblemView transition(@PathVariable String ref, @RequestBody ProblemTransition input, Principal principal) {
        return views.of(problems.transition(problems.get(ref).id(), input, principal.getName()));
    }

    /** Links the incident named by {@code incident} (reference or id). */
    @PostMapping("/{ref}/incidents")
    @RequiresRole(Role.OPERATOR)
    ProblemView link(@PathVariable String ref, @RequestBody Map<String, String> body, Principal principal) {
        return views.of(problems.link(problems.get(ref).id(), body.get("incident"), principal.getName()));
    }

    @DeleteMapping("/{ref}/incidents/{incident}")
    @RequiresRole(Role.OPERATOR)
    ProblemView unlink(@PathVariable String ref, @PathVariable String incident, Principal principal) {
        return views.of(problems.unlink(problems.get(ref).id(), incident, principal.getName()));
    }

    /** Everything that happened to the problem, oldest first. */
    @GetMapping("/{ref}/timeline")
    @RequiresRole(Role.VIEWER)
    List<ProblemEntry> timeline(@PathVariable String ref) {
        return problems.timeline(problems.get(ref).id());
    }

    /** The filter these parameters ask for; unknown values are each named in one 422. */
    static ProblemFilter filter(List<String> state, String ci, String q) {
        var violations = new Violations();
        var states = EnumSet.noneOf(ProblemState.class);
        for (var text : state == null ? List.<String>of() : state) {
            if (text == null || text.isBlank()) {
                continue;
            }
            if (text.strip().equalsIgnoreCase("open")) {
                EnumSet.allOf(ProblemState.class).stream().filter(ProblemState::open).forEach(states::add);
            } else {
                Choice.parse(ProblemState.class, text).ifPresentOrElse(states::add, () -> violations.add("state",
                        "'" + text.strip() + "' is not one of open, " + Choice.keys(ProblemState.class)));
            }
        }
        var ciId = violations.optionalId("ci", ci, "must be a configuration item id");
        violations.throwIfAny("Invalid problem filter");
        return new ProblemFilter(states, ciId, q == null || q.isBlank() ? null : q.strip());
    }
}
