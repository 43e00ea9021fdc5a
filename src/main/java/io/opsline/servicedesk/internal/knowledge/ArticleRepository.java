package io.opsline.servicedesk.internal.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;

/** SQL for {@code article}, its versions and what it applies to. */
@Repository
class ArticleRepository {

    private static final String COLUMNS = "id, title, kind, body, version, created_by, created_at, updated_by,"
            + " updated_at";

    private final JdbcClient jdbc;
    private final ValueList uuids;

    ArticleRepository(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.uuids = new ValueList(engine, "uuid");
    }

    void insert(Article article) {
        jdbc.sql("INSERT INTO article (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(article.id(), article.title(), article.kind().name(), article.body(), article.version(),
                        article.createdBy(), Jdbc.timestamp(article.createdAt()), article.updatedBy(),
                        Jdbc.timestamp(article.updatedAt()))
                .update();
        replaceLinks(article);
        insertVersion(article);
    }

    /** Stores a new version if nobody saved one since {@code after.version() - 1}; false if someone did. */
    boolean update(Article after) {
        var updated = jdbc.sql("UPDATE article SET title = ?, kind = ?, body = ?, version = ?, updated_by = ?,"
                        + " updated_at = ? WHERE id = ? AND version = ?")
                .params(after.title(), after.kind().name(), after.body(), after.version(), after.updatedBy(),
                        Jdbc.timestamp(after.updatedAt()), after.id(), after.version() - 1)
                .update();
        if (updated != 1) {
            return false;
        }
        replaceLinks(after);
        insertVersion(after);
        return true;
    }

    private void insertVersion(Article article) {
        jdbc.sql("INSERT INTO article_version (article_id, version, title, kind, body, applies_to, saved_by, saved_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(article.id(), article.version(), article.title(), article.kind().name(), article.body(),
                        article.appliesTo(), article.updatedBy(), Jdbc.timestamp(article.updatedAt()))
                .update();
    }

    private void replaceLinks(Article article) {
        for (var table : List.of("article_ci_class", "article_check_type", "article_alert_rule")) {
            jdbc.sql("DELETE FROM " + table + " WHERE article_id = ?").param(article.id()).update();
        }
        for (var ciClass : article.ciClasses()) {
            jdbc.sql("INSERT INTO article_ci_class (article_id, ci_class) VALUES (?, ?)")
                    .params(article.id(), ciClass.name()).update();
        }
        for (var checkType : article.checkTypes()) {
            jdbc.sql("INSERT INTO article_check_type (article_id, check_type) VALUES (?, ?)")
                    .params(article.id(), checkType.name()).update();
        }
        for (var i = 0; i < article.alertRules().size(); i++) {
            var rule = article.alertRules().get(i);
            jdbc.sql("INSERT INTO article_alert_rule (article_id, position, source, dedup_key_pattern)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(article.id(), i, rule.source(), rule.dedupKey()).update();
        }
    }

    Optional<Article> find(UUID id) {
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM article WHERE id = ?").param(id)
                .query(ArticleRepository::article).list()).stream().findFirst();
    }

    /** Articles whose title holds {@code text} (all when null), of {@code kind} (any when null), by title. */
    Page<Article> search(String text, ArticleKind kind, PageRequest page) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (text != null && !text.isBlank()) {
            where.append(" AND LOWER(title) LIKE ? ESCAPE '\\'");
            params.add(Jdbc.likeContains(text.strip().toLowerCase()));
        }
        if (kind != null) {
            where.append(" AND kind = ?");
            params.add(kind.name());
        }
        var total = jdbc.sql("SELECT COUNT(*) FROM article" + where).params(params).query(Long.class).single();
        var pageParams = new ArrayList<Object>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM article" + where + " ORDER BY LOWER(title), id LIMIT ? OFFSET ?")
                .params(pageParams).query(ArticleRepository::article).list();
        return page.toPage(withLinks(rows), total);
    }

    /**
     * Articles linked to any of these CI classes, this check type or an alert rule of this source (lower
     * case); whether a rule's dedup-key pattern matches is for the caller to see.
     */
    List<Article> candidates(Collection<CiClass> ciClasses, CheckType checkType, String source) {
        var conditions = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (!ciClasses.isEmpty()) {
            conditions.add("id IN (SELECT article_id FROM article_ci_class WHERE ci_class IN ("
                    + placeholders(ciClasses.size()) + "))");
            ciClasses.forEach(c -> params.add(c.name()));
        }
        if (checkType != null) {
            conditions.add("id IN (SELECT article_id FROM article_check_type WHERE check_type = ?)");
            params.add(checkType.name());
        }
        if (source != null) {
            conditions.add("id IN (SELECT article_id FROM article_alert_rule WHERE source = ?)");
            params.add(source);
        }
        if (conditions.isEmpty()) {
            return List.of();
        }
        return withLinks(jdbc.sql("SELECT " + COLUMNS + " FROM article WHERE " + String.join(" OR ", conditions))
                .params(params).query(ArticleRepository::article).list());
    }

    /** The saved versions, newest first, without their bodies' rendering. */
    List<ArticleVersion> versions(UUID articleId) {
        return jdbc.sql("SELECT article_id, version, title, kind, body, applies_to, saved_by, saved_at"
                        + " FROM article_version WHERE article_id = ? ORDER BY version DESC")
                .param(articleId).query(ArticleRepository::version).list();
    }

    Optional<ArticleVersion> version(UUID articleId, int version) {
        return jdbc.sql("SELECT article_id, version, title, kind, body, applies_to, saved_by, saved_at"
                        + " FROM article_version WHERE article_id = ? AND version = ?")
                .params(articleId, version).query(ArticleRepository::version).optional();
    }

    private List<Article> withLinks(List<Article> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        var ids = uuids.of(rows.stream().map(Article::id).toList());
        var in = " WHERE " + uuids.in("article_id", "ids");
        var ciClasses = new HashMap<UUID, List<CiClass>>();
        jdbc.sql("SELECT article_id, ci_class FROM article_ci_class" + in + " ORDER BY ci_class").param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "article_id"), CiClass.valueOf(rs.getString("ci_class"))))
                .list().forEach(e -> ciClasses.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        var checkTypes = new HashMap<UUID, List<CheckType>>();
        jdbc.sql("SELECT article_id, check_type FROM article_check_type" + in + " ORDER BY check_type")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "article_id"), CheckType.valueOf(rs.getString("check_type"))))
                .list().forEach(e -> checkTypes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        var rules = new HashMap<UUID, List<AlertRule>>();
        jdbc.sql("SELECT article_id, source, dedup_key_pattern FROM article_alert_rule" + in
                        + " ORDER BY article_id, position").param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "article_id"),
                        new AlertRule(rs.getString("source"), rs.getString("dedup_key_pattern"))))
                .list().forEach(e -> rules.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(a -> new Article(a.id(), a.title(), a.kind(), a.body(), a.version(), a.createdBy(),
                a.createdAt(), a.updatedBy(), a.updatedAt(), ciClasses.getOrDefault(a.id(), List.of()),
                checkTypes.getOrDefault(a.id(), List.of()), rules.getOrDefault(a.id(), List.of()))).toList();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Article article(ResultSet rs, int row) throws SQLException {
        return new Article(Jdbc.uuid(rs, "id"), rs.getString("title"), ArticleKind.valueOf(rs.getString("kind")),
                rs.getString("body"), rs.getInt("version"), rs.getString("created_by"), Jdbc.instant(rs, "created_at"),
                rs.getString("updated_by"), Jdbc.instant(rs, "updated_at"), List.of(), List.of(), List.of());
    }

    private static ArticleVersion version(ResultSet rs, int row) throws SQLException {
        return new ArticleVersion(Jdbc.uuid(rs, "article_id"), rs.getInt("version"), rs.getString("title"),
                ArticleKind.valueOf(rs.getString("kind")), rs.getString("body"), rs.getString("applies_to"),
                rs.getString("saved_by"), Jdbc.instant(rs, "saved_at"));
    }
}
