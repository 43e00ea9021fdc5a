package io.opsline.servicedesk.internal.knowledge;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;

/**
 * The articles and runbooks that apply where someone is looking (a CI, a check, an alert): for
 * pages of this and other modules to show beside what they are about. Runbooks come first.
 */
@Component
public class Runbooks {

    private final ArticleRepository articles;

    Runbooks(ArticleRepository articles) {
        this.articles = articles;
    }

    public List<Article> applicableTo(CiClass ciClass, CheckType checkType, String alertSource) {
        return applicableTo(new Applicability(ciClass == null ? Set.of() : Set.of(ciClass), checkType, alertSource,
                null));
    }

    public List<Article> applicableTo(Applicability where) {
        if (where.isEmpty()) {
            return List.of();
        }
        var source = where.alertSource() == null || where.alertSource().isBlank() ? null
                : where.alertSource().strip().toLowerCase();
        return articles.candidates(where.ciClasses(), where.checkType(), source).stream()
                .filter(article -> article.appliesTo(where))
                .sorted(Comparator.comparing((Article a) -> a.kind() != ArticleKind.RUNBOOK)
                        .thenComparing(a -> a.title().toLowerCase()).thenComparing(Article::id))
                .toList();
    }
}
