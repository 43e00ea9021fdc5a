package io.opsline.servicedesk.internal.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.ConflictException;
import io.opsline.platform.ForbiddenException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.RefusedMove;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.review.Review.ExcerptItem;

/**
 * Post-incident reviews of major incidents and their action items. Only a major incident gets a review:
 * a review costs the people involved an hour or more, and the list of major incidents still waiting for
 * one is only worth chasing when it holds nothing else; an incident that deserves one is marked major
 * first. Every change is made on top of the version its writer read (a stale one is a conflict and
 * changes nothing) and audited; a published review changes no more, but its action items do.
 */
@Service
public class IncidentReviews {

    static final int MAX_TEXT = 20_000;
    static final int MAX_LINE = 2_000;
    static final int MAX_TITLE = 200;
    static final int MAX_LINES = 200;
    /** How many rows the overview lists: what needs chasing, not an archive. */
    static final int OVERVIEW_LIMIT = 100;

    private final ReviewRepository reviews;
    private final Incidents incidents;
    private final People people;
    private final AuditLog audit;

    IncidentReviews(ReviewRepository reviews, Incidents incidents, People people, AuditLog audit) {
        this.reviews = reviews;
        this.incidents = incidents;
        this.people = people;
        this.audit = audit;
    }

    /** The review of the incident; 404 when it has none. */
    public Review get(Incident incident) {
        return reviews.findByIncident(incident.id())
                .orElseThrow(() -> new NotFoundException("Review of incident", incident.reference()));
    }

    /** The state of the incident's review, null when it has none: for the incident page. */
    public ReviewState stateOf(UUID incidentId) {
        return reviews.stateOf(incidentId).orElse(null);
    }

    /** Starts the review of a major incident; a second start, from any node, is a conflict. */
    @Transactional
    public Review start(Incident incident, String actor) {
        if (!incident.major()) {
            throw new ConflictException(incident.reference() + " is not a major incident; only major incidents get"
                    + " a post-incident review. Mark it major first if it deserves one.");
        }
        var now = Jdbc.now();
        var review = new Review(Ids.newId(), incident.id(), ReviewState.DRAFT, null, null, null, List.of(), null,
                List.of(), actor, now, now, null, 0);
        try {
            reviews.insert(review);
        } catch (DuplicateKeyException e) {
            throw alreadyStarted(incident);
        }
        incidents.note(incident.id(), EntryKind.CHANGE, false, "Post-incident review started by " + actor);
        audit.record(new AuditEntry("review.start", "incident-review", review.id().toString(),
                "Started the review of " + incident.reference(), null, review));
        return review;
    }

    /** Changes the review's fields and moves it on; fields left null stay as they are. */
    @Transactional
    public Review change(Incident incident, ReviewInput input, String actor) {
        var before = get(incident);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the review the change is based"
                    + " on (now " + before.version() + ")");
        }
        if (input.version() != before.version()) {
            throw conflict(incident, before);
        }
        if (before.state() == ReviewState.PUBLISHED) {
            throw new ConflictException("The review of " + incident.reference() + " is published and does not"
                    + " change any more; only its action items do");
        }
        var violations = new Violations();
        var summary = input.summary() == null ? before.summary()
                : violations.optional("summary", input.summary(), MAX_TEXT);
        var impact = input.impact() == null ? before.impact() : violations.optional("impact", input.impact(), MAX_TEXT);
        var rootCause = input.rootCause() == null ? before.rootCause()
                : violations.optional("rootCause", input.rootCause(), MAX_TEXT);
        var lessons = input.lessons() == null ? before.lessons()
                : violations.optional("lessons", input.lessons(), MAX_TEXT);
        var factors = input.factors() == null ? before.factors() : factors(input.factors(), violations);
        var excerpt = input.timelineEntries() == null && input.notes() == null ? before.excerpt()
                : excerpt(incident, input, before, violations);
        var target = input.state() == null || input.state().isBlank() ? before.state()
                : violations.optionalChoice("state", input.state(), ReviewState.class);
        violations.throwIfAny("Invalid change to the review of " + incident.reference());
        if (target != before.state() && !before.state().canMoveTo(target)) {
            throw RefusedMove.of("The review", before.state(), target, before.state().next());
        }
        if (target == ReviewState.PUBLISHED) {
            if (rootCause == null) {
                violations.add("rootCause", "is required to publish the review");
            }
            if (reviews.countItems(before.id()) == 0) {
                violations.add("actionItems", "at least one action item is required to publish the review");
            }
            violations.throwIfAny("The review of " + incident.reference() + " cannot be published yet");
        }
        var now = Jdbc.now();
        var after = before.with(target, summary, impact, rootCause, factors, lessons, excerpt,
                target == ReviewState.PUBLISHED ? now : null, now);
        if (!reviews.update(after)) {
            throw conflict(incident, before);
        }
        if (target != before.state()) {
            incidents.note(incident.id(), EntryKind.CHANGE, false, "Post-incident review " + target.label()
                    .toLowerCase() + " by " + actor);
        }
        audit.record(new AuditEntry(target == before.state() ? "review.update" : "review.transition",
                "incident-review", before.id().toString(), target == before.state()
                        ? "Changed the review of " + incident.reference()
                        : "Review of " + incident.reference() + ": " + before.state().label() + " → " + target.label(),
                before, after));
        return after;
    }

    /** Adds an action item to the incident's review, published or not. */
    @Transactional
    public ActionItem addActionItem(Incident incident, ActionItemInput input, String actor) {
        var review = get(incident);
        var violations = new Violations();
        var title = violations.required("title", input.title(), MAX_TITLE);
        var owner = owner(input.owner(), violations);
        var due = due(input.due(), violations);
        violations.throwIfAny("Invalid action item");
        var item = new ActionItem(Ids.newId(), review.id(), incident.id(), title, owner.id(), due, ActionState.OPEN,
                actor, Jdbc.now(), null, null, 0);
        reviews.insertItem(item);
        audit.record(new AuditEntry("review.action-item.create", "review-action-item", item.id().toString(),
                "Action item for " + incident.reference() + ": " + title + " (" + owner.username() + ", due " + due
                        + ")", null, item));
        return item;
    }

    public ActionItem actionItem(UUID id) {
        return reviews.findItem(id).orElseThrow(() -> new NotFoundException("Action item", id));
    }

    /**
     * Changes an action item. Operators change anything; its owner, whatever their role, may only mark it
     * done or open again: it is their work to report, not theirs to hand on or postpone.
     */
    @Transactional
    public ActionItem changeActionItem(UUID id, ActionItemInput input, Person actor, boolean operator) {
        var before = actionItem(id);
        if (!operator && !before.ownerId().equals(actor.id())) {
            throw new ForbiddenException("Only an operator or the action item's owner may change it");
        }
        if (!operator && (input.title() != null || input.owner() != null || input.due() != null)) {
            throw new ForbiddenException("Only an operator may change an action item's title, owner or due date;"
                    + " its owner marks it done");
        }
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the action item the change is"
                    + " based on (now " + before.version() + ")");
        }
        if (input.version() != before.version()) {
            throw itemConflict(before);
        }
        var violations = new Violations();
        var title = input.title() == null ? before.title() : violations.required("title", input.title(), MAX_TITLE);
        var owner = input.owner() == null ? null : owner(input.owner(), violations);
        var due = input.due() == null ? before.due() : due(input.due(), violations);
        var state = input.state() == null || input.state().isBlank() ? before.state()
                : violations.optionalChoice("state", input.state(), ActionState.class);
        violations.throwIfAny("Invalid change to the action item");
        var done = state == ActionState.DONE;
        var after = before.with(title, owner == null ? before.ownerId() : owner.id(), due, state,
                done ? (before.state() == ActionState.DONE ? before.doneAt() : Jdbc.now()) : null,
                done ? (before.state() == ActionState.DONE ? before.doneBy() : actor.username()) : null);
        if (!reviews.updateItem(after)) {
            throw itemConflict(before);
        }
        audit.record(new AuditEntry(state != before.state() ? "review.action-item." + state.key()
                : "review.action-item.update", "review-action-item", id.toString(),
                (state != before.state() ? (done ? "Done: " : "Reopened: ") : "Changed: ") + after.title(), before,
                after));
        return after;
    }

    /** A review's action items, open ones first, by due date. */
    public List<ActionItem> actionItems(Review review) {
        return reviews.items(review.id());
    }

    /**
     * Action items across reviews, open ones earliest due (so overdue) first. {@code state} is open (when
     * blank), done or all; {@code owner} a username or id, blank for everyone's. Bad values are a 422 each.
     */
    public Page<ActionItem> actionItems(String state, String owner, PageRequest page) {
        var violations = new Violations();
        var all = state != null && state.strip().equalsIgnoreCase("all");
        var chosen = state == null || state.isBlank() ? ActionState.OPEN
                : all ? null : violations.optionalChoice("state", state, ActionState.class);
        if (chosen == null && !all && violations.isEmpty()) {
            violations.add("state", "must be open, done or all");
        }
        var person = owner == null || owner.isBlank() ? null : owner(owner, violations);
        violations.throwIfAny("Invalid action item filter");
        return reviews.searchItems(chosen, person == null ? null : person.id(), page);
    }

    /** Reviews started and not yet published, oldest first. */
    public List<Review> unpublished() {
        return reviews.unpublished(OVERVIEW_LIMIT);
    }

    /** Resolved or closed major incidents nobody has started a review of yet. */
    public List<Incident> majorIncidentsWithoutReview() {
        return reviews.majorIncidentsWithoutReview(OVERVIEW_LIMIT).stream().map(incidents::get).toList();
    }

    /** The owner named by an id or username: an enabled user; null with a violation otherwise. */
    private Person owner(String idOrUsername, Violations violations) {
        if (idOrUsername == null || idOrUsername.isBlank()) {
            violations.add("owner", "is required: a user's username or id");
            return null;
        }
        var person = people.resolve(idOrUsername.strip()).orElse(null);
        if (person == null) {
            violations.add("owner", "no user " + idOrUsername.strip());
        } else if (!person.enabled()) {
            violations.add("owner", person.username() + " is disabled");
        }
        return person;
    }

    private static LocalDate due(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add("due", "is required: a date such as 2026-12-31");
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            violations.add("due", "must be a date such as 2026-12-31");
            return null;
        }
    }

    private static List<String> factors(List<String> given, Violations violations) {
        if (given.size() > MAX_LINES) {
            violations.add("factors", "at most " + MAX_LINES + " contributing factors");
            return List.of();
        }
        var factors = new ArrayList<String>();
        for (var i = 0; i < given.size(); i++) {
            var factor = violations.optional("factors[" + i + "]", given.get(i), MAX_LINE);
            if (factor != null) {
                factors.add(factor);
            }
        }
        return factors;
    }

    /**
     * The excerpt these chosen timeline lines and notes make, in time order (lines at the same time in the
     * order given). What is left out keeps what is stored: new entries with the old notes, or the reverse.
     */
    private List<ExcerptItem> excerpt(Incident incident, ReviewInput input, Review before, Violations violations) {
        var timeline = new HashMap<UUID, Instant>();
        incidents.timeline(incident.id(), false).forEach(e -> timeline.put(e.id(), e.at()));
        var items = new ArrayList<ExcerptItem>();
        if (input.timelineEntries() == null) {
            before.excerpt().stream().filter(i -> i.entryId() != null).forEach(items::add);
        } else {
            if (input.timelineEntries().size() > MAX_LINES) {
                violations.add("timelineEntries", "at most " + MAX_LINES + " timeline entries");
                return List.of();
            }
            var seen = new HashSet<UUID>();
            for (var i = 0; i < input.timelineEntries().size(); i++) {
                var field = "timelineEntries[" + i + "]";
                var id = violations.optionalId(field, input.timelineEntries().get(i), "must be a timeline entry id");
                if (id != null && !timeline.containsKey(id)) {
                    violations.add(field, "no entry " + id + " in the timeline of " + incident.reference());
                } else if (id != null && seen.add(id)) {
                    items.add(new ExcerptItem(id, null, null));
                }
            }
        }
        if (input.notes() == null) {
            before.excerpt().stream().filter(i -> i.entryId() == null).forEach(items::add);
        } else {
            if (input.notes().size() > MAX_LINES) {
                violations.add("notes", "at most " + MAX_LINES + " notes");
                return List.of();
            }
            for (var i = 0; i < input.notes().size(); i++) {
                var note = input.notes().get(i);
                var at = instant("notes[" + i + "].at", note == null ? null : note.at(), violations);
                var text = violations.required("notes[" + i + "].text", note == null ? null : note.text(), MAX_LINE);
                if (at != null && text != null) {
                    items.add(new ExcerptItem(null, at, text));
                }
            }
        }
        return items.stream().sorted(Comparator.comparing(
                (ExcerptItem i) -> i.entryId() == null ? i.at() : timeline.getOrDefault(i.entryId(), Instant.MIN)))
                .toList();
    }

    private static Instant instant(String field, String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required: when it happened, e.g. 2026-11-20T14:05:00Z");
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                // What a person types on the page: a local time in the server's zone, as the page shows times.
                return LocalDateTime.parse(text.strip().replace(' ', 'T')).atZone(ZoneId.systemDefault())
                        .toInstant();
            } catch (DateTimeParseException again) {
                violations.add(field, "must be a time such as 2026-11-20T14:05:00Z or 2026-11-20 14:05");
                return null;
            }
        }
    }

    private ConflictException alreadyStarted(Incident incident) {
        return new ConflictException("The review of " + incident.reference() + " is started already");
    }

    private ConflictException conflict(Incident incident, Review current) {
        var now = reviews.find(current.id()).map(Review::version).orElse(current.version());
        return ConflictException.onField("version", "The review of " + incident.reference() + " was changed by"
                + " someone else (it is at version " + now + "); reload it, check their change and try again");
    }

    private ConflictException itemConflict(ActionItem current) {
        var now = reviews.findItem(current.id()).map(ActionItem::version).orElse(current.version());
        return ConflictException.onField("version", "The action item was changed by someone else (it is at version "
                + now + "); reload it and try again");
    }
}
