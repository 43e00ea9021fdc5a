package io.opsline.servicedesk.internal.review;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.TimelineEntry;
import io.opsline.servicedesk.internal.review.ReviewView.ExcerptLine;
import io.opsline.servicedesk.internal.review.ReviewView.ReviewedIncident;

/** Turns stored reviews and action items into views, looking up the names and timeline lines they show. */
@Component
public class ReviewViews {

    private final IncidentReviews reviews;
    private final Incidents incidents;
    private final People people;

    ReviewViews(IncidentReviews reviews, Incidents incidents, People people) {
        this.reviews = reviews;
        this.incidents = incidents;
        this.people = people;
    }

    public ReviewView of(Review review) {
        var incident = incidents.get(review.incidentId());
        var timeline = incidents.timeline(incident.id(), false).stream()
                .collect(Collectors.toMap(TimelineEntry::id, Function.identity()));
        var excerpt = review.excerpt().stream().map(item -> {
            if (item.entryId() == null) {
                return new ExcerptLine(item.at(), null, "Note", null, item.body());
            }
            var entry = timeline.get(item.entryId());
            return entry == null ? null : new ExcerptLine(entry.at(), entry.id(), entry.kind().label(), entry.actor(),
                    entry.body() != null ? entry.body()
                            : (entry.from() == null ? "" : entry.from()) + " → " + (entry.to() == null ? "" : entry.to()));
        }).filter(Objects::nonNull).toList();
        return new ReviewView(review.id(), new ReviewedIncident(incident.id(), incident.reference(), incident.title(),
                incident.priority(), incident.state(), incident.startedAt(), incident.resolvedAt()), review.state(),
                List.copyOf(review.state().next()), review.summary(), review.impact(), review.rootCause(),
                review.factors(), review.lessons(), excerpt, all(reviews.actionItems(review)), review.startedBy(),
                review.createdAt(), review.updatedAt(), review.publishedAt(), review.version());
    }

    public ActionItemView of(ActionItem item) {
        return all(List.of(item)).getFirst();
    }

    public Page<ActionItemView> of(Page<ActionItem> page) {
        return new Page<>(all(page.items()), page.page(), page.size(), page.total());
    }

    private List<ActionItemView> all(List<ActionItem> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        var owners = people.findAll(items.stream().map(ActionItem::ownerId).collect(Collectors.toSet()));
        var reviewed = new HashMap<UUID, Incident>();
        items.forEach(i -> reviewed.computeIfAbsent(i.incidentId(), incidents::get));
        var today = LocalDate.ofInstant(Jdbc.now(), ZoneId.systemDefault());
        return items.stream().map(i -> new ActionItemView(i.id(), reviewed.get(i.incidentId()).reference(),
                reviewed.get(i.incidentId()).title(), i.title(), owner(i.ownerId(), owners), i.due(),
                i.state() == ActionState.OPEN && i.due().isBefore(today), i.state(), i.doneAt(), i.doneBy(),
                i.version())).toList();
    }

    private static Named owner(UUID id, Map<UUID, Person> owners) {
        return new Named(id, owners.containsKey(id) ? owners.get(id).username() : null);
    }
}
