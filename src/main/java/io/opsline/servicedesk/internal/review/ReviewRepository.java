package io.opsline.servicedesk.internal.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.review.Review.ExcerptItem;

/** SQL for {@code incident_review}, its factors and excerpt, and its {@code review_action_item}s. */
@Repository
class ReviewRepository {

    private static final String COLUMNS = "id, incident_id, state, summary, impact, root_cause, lessons, started_by,"
            + " created_at, updated_at, published_at, version";
    private static final String ITEM_COLUMNS = "id, review_id, title, owner_id, due_on, state, created_by, created_at,"
            + " done_at, done_by, version";
    /** An item's columns and its review's incident, which every list of items shows. */
    private static final String SELECT_ITEMS = "SELECT " + ITEM_COLUMNS + ", (SELECT r.incident_id FROM"
            + " incident_review r WHERE r.id = review_id) AS incident_id FROM review_action_item";

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new review; a {@link org.springframework.dao.DuplicateKeyException} when the incident has one. */
    void insert(Review review) {
        jdbc.sql("INSERT INTO incident_review (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(review.id(), review.incidentId(), review.state().name(), review.summary(), review.impact(),
                        review.rootCause(), review.lessons(), review.startedBy(), Jdbc.timestamp(review.createdAt()),
                        Jdbc.timestamp(review.updatedAt()), Jdbc.timestamp(review.publishedAt()), review.version())
                .update();
    }

    /** Stores a change if nobody changed the review since {@code after.version() - 1}; false if someone did. */
    boolean update(Review after) {
        var stored = jdbc.sql("UPDATE incident_review SET state = ?, summary = ?, impact = ?, root_cause = ?,"
                        + " lessons = ?, updated_at = ?, published_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.state().name(), after.summary(), after.impact(), after.rootCause(), after.lessons(),
                        Jdbc.timestamp(after.updatedAt()), Jdbc.timestamp(after.publishedAt()), after.version(),
                        after.id(), after.version() - 1)
                .update() == 1;
        if (stored) {
            jdbc.sql("DELETE FROM incident_review_factor WHERE review_id = ?").param(after.id()).update();
            for (var i = 0; i < after.factors().size(); i++) {
                jdbc.sql("INSERT INTO incident_review_factor (review_id, position, body) VALUES (?, ?, ?)")
                        .params(after.id(), i, after.factors().get(i)).update();
            }
            jdbc.sql("DELETE FROM incident_review_excerpt WHERE review_id = ?").param(after.id()).update();
            for (var i = 0; i < after.excerpt().size(); i++) {
                var item = after.excerpt().get(i);
                jdbc.sql("INSERT INTO incident_review_excerpt (review_id, position, entry_id, at, body)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(after.id(), i, item.entryId(), Jdbc.timestamp(item.at()), item.body()).update();
            }
        }
        return stored;
    }

    Optional<Review> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_review WHERE id = ?").param(id)
                .query(ReviewRepository::review).optional().map(this::withLists);
    }

    Optional<Review> findByIncident(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_review WHERE incident_id = ?").param(incidentId)
                .query(ReviewRepository::review).optional().map(this::withLists);
    }

    Optional<ReviewState> stateOf(UUID incidentId) {
        return jdbc.sql("SELECT state FROM incident_review WHERE incident_id = ?").param(incidentId)
                .query((rs, n) -> ReviewState.valueOf(rs.getString("state"))).optional();
    }

    /** Reviews not yet published, oldest first: the longest-waiting one is the one to chase. */
    List<Review> unpublished(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_review WHERE state <> 'PUBLISHED'"
                        + " ORDER BY created_at, id LIMIT ?")
                .param(limit).query(ReviewRepository::review).list().stream().map(this::withLists).toList();
    }

    /**
     * Major incidents that are resolved or closed and have no review yet, the latest resolved first: a
     * review is best written while the people involved still remember.
     */
    List<UUID> majorIncidentsWithoutReview(int limit) {
        return jdbc.sql("SELECT id FROM incident WHERE major = TRUE AND state IN ('RESOLVED', 'CLOSED')"
                        + " AND NOT EXISTS (SELECT 1 FROM incident_review r WHERE r.incident_id = incident.id)"
                        + " ORDER BY resolved_at DESC, id LIMIT ?")
                .param(limit).query((rs, n) -> Jdbc.uuid(rs, "id")).list();
    }

    void insertItem(ActionItem item) {
        jdbc.sql("INSERT INTO review_action_item (" + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(item.id(), item.reviewId(), item.title(), item.ownerId(), item.due(), item.state().name(),
                        item.createdBy(), Jdbc.timestamp(item.createdAt()), Jdbc.timestamp(item.doneAt()),
                        item.doneBy(), item.version())
                .update();
    }

    /** Stores a change if nobody changed the item since {@code after.version() - 1}; false if someone did. */
    boolean updateItem(ActionItem after) {
        return jdbc.sql("UPDATE review_action_item SET title = ?, owner_id = ?, due_on = ?, state = ?, done_at = ?,"
                        + " done_by = ?, version = ? WHERE id = ? AND version = ?")
                .params(after.title(), after.ownerId(), after.due(), after.state().name(),
                        Jdbc.timestamp(after.doneAt()), after.doneBy(), after.version(), after.id(),
                        after.version() - 1)
                .update() == 1;
    }

    Optional<ActionItem> findItem(UUID id) {
        return jdbc.sql(SELECT_ITEMS + " WHERE id = ?").param(id)
                .query(ReviewRepository::item).optional();
    }

    /** A review's action items, open ones first, each by due date. */
    List<ActionItem> items(UUID reviewId) {
        return jdbc.sql(SELECT_ITEMS + " WHERE review_id = ?"
                        + " ORDER BY CASE WHEN state = 'OPEN' THEN 0 ELSE 1 END, due_on, created_at, id")
                .param(reviewId).query(ReviewRepository::item).list();
    }

    long countItems(UUID reviewId) {
        return jdbc.sql("SELECT COUNT(*) FROM review_action_item WHERE review_id = ?").param(reviewId)
                .query(Long.class).single();
    }

    /**
     * Action items across reviews: open ones first, earliest due first (so the overdue ones lead), then
     * done ones, latest done first.
     */
    Page<ActionItem> searchItems(ActionState state, UUID ownerId, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (state != null) {
            where.append(" AND state = ?");
            params.add(state.name());
        }
        if (ownerId != null) {
            where.append(" AND owner_id = ?");
            params.add(ownerId);
        }
        var total = jdbc.sql("SELECT COUNT(*) FROM review_action_item" + where).params(params).query(Long.class)
                .single();
        var pageParams = new ArrayList<Object>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        var rows = jdbc.sql(SELECT_ITEMS + where
                        + " ORDER BY CASE WHEN state = 'OPEN' THEN 0 ELSE 1 END,"
                        + " CASE WHEN state = 'OPEN' THEN due_on END, done_at DESC, created_at, id LIMIT ? OFFSET ?")
                .params(pageParams).query(ReviewRepository::item).list();
        return page.toPage(rows, total);
    }

    private Review withLists(Review review) {
        var factors = jdbc.sql("SELECT body FROM incident_review_factor WHERE review_id = ? ORDER BY position")
                .param(review.id()).query(String.class).list();
        var excerpt = jdbc.sql("SELECT entry_id, at, body FROM incident_review_excerpt WHERE review_id = ?"
                        + " ORDER BY position")
                .param(review.id())
                .query((rs, n) -> new ExcerptItem(Jdbc.uuid(rs, "entry_id"), Jdbc.instant(rs, "at"),
                        rs.getString("body")))
                .list();
        return new Review(review.id(), review.incidentId(), review.state(), review.summary(), review.impact(),
                review.rootCause(), factors, review.lessons(), excerpt, review.startedBy(), review.createdAt(),
                review.updatedAt(), review.publishedAt(), review.version());
    }

    private static Review review(ResultSet rs, int row) throws SQLException {
        return new Review(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "incident_id"), ReviewState.valueOf(rs.getString("state")),
                rs.getString("summary"), rs.getString("impact"), rs.getString("root_cause"), List.of(),
                rs.getString("lessons"), List.of(), rs.getString("started_by"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), Jdbc.instant(rs, "published_at"), rs.getLong("version"));
    }

    private static ActionItem item(ResultSet rs, int row) throws SQLException {
        LocalDate due = Jdbc.date(rs, "due_on");
        return new ActionItem(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "review_id"), Jdbc.uuid(rs, "incident_id"),
                rs.getString("title"),
                Jdbc.uuid(rs, "owner_id"), due, ActionState.valueOf(rs.getString("state")),
                rs.getString("created_by"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "done_at"),
                rs.getString("done_by"), rs.getLong("version"));
    }
}
