package io.opsline.servicedesk.web;

import java.security.Principal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.internal.knowledge.ArticleKind;
import io.opsline.servicedesk.internal.knowledge.Articles;
import io.opsline.servicedesk.internal.knowledge.Markdown;
import io.opsline.servicedesk.internal.knowledge.Runbooks;

/**
 * The knowledge base as people use it: the list searched by title, an article rendered with what it
 * applies to and its history (any old version viewable), the form that writes or edits one, and the
 * list of what applies that CI and alert pages load beside themselves.
 */
@Controller
class KnowledgePages {

    private final Articles articles;
    private final Runbooks runbooks;
    private final Markdown markdown;
    private final Applicable applicable;

    KnowledgePages(Articles articles, Runbooks runbooks, Markdown markdown, Applicable applicable) {
        this.articles = articles;
        this.runbooks = runbooks;
        this.markdown = markdown;
        this.applicable = applicable;
    }

    @GetMapping("/knowledge")
    @RequiresRole(Role.VIEWER)
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var number = PageNumbers.parse(page, errors);
        model.addAttribute("page", articles.search(q, null, new PageRequest(number, PageRequest.DEFAULT_SIZE)));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("errors", errors);
        return "servicedesk/knowledge";
    }

    /** The articles that apply, as a card for a CI's or an alert's page to load. */
    @GetMapping("/knowledge/applicable")
    @RequiresRole(Role.VIEWER)
    String applicable(@RequestParam(required = false) String ciClass, @RequestParam(required = false) String checkType,
            @RequestParam(required = false) String alertSource, @RequestParam(required = false) String dedupKey,
            @RequestParam(required = false) String ci, Model model) {
        try {
            model.addAttribute("articles", runbooks.applicableTo(applicable.parse(ciClass, checkType, alertSource,
                    dedupKey, ci)));
        } catch (InvalidInputException e) {
            model.addAttribute("articles", List.of());
            model.addAttribute("error", String.join("; ", FormErrors.of(e).entrySet().stream()
                    .map(x -> FormErrors.label(x.getKey()) + " " + x.getValue()).toList()));
        }
        return "servicedesk/applicable :: section";
    }

    @GetMapping("/knowledge/new")
    @RequiresRole(Role.OPERATOR)
    String newForm(Model model) {
        return form(ArticleForm.empty(), null, Map.of(), model);
    }

    @PostMapping("/knowledge")
    @RequiresRole(Role.OPERATOR)
    String create(ArticleForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            var article = articles.create(form.toInput(), principal.getName());
            redirect.addFlashAttribute("notice", "Saved '" + article.title() + "'.");
            return "redirect:/knowledge/" + article.id();
        } catch (InvalidInputException e) {
            return form(form, null, ArticleForm.shown(FormErrors.of(e)), model);
        }
    }

    /** The article as it is now, or as it was at {@code version}. */
    @GetMapping("/knowledge/{id}")
    @RequiresRole(Role.VIEWER)
    String show(@PathVariable UUID id, @RequestParam(required = false) String version, Model model) {
        var article = articles.get(id);
        var number = version == null || version.isBlank() ? article.version() : versionNumber(id, version);
        var shown = number == article.version() ? null : articles.version(id, number);
        model.addAttribute("article", article);
        model.addAttribute("old", shown);
        model.addAttribute("html", markdown.html(shown == null ? article.body() : shown.body()));
        model.addAttribute("versions", articles.versions(id));
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        return "servicedesk/article";
    }

    @GetMapping("/knowledge/{id}/edit")
    @RequiresRole(Role.OPERATOR)
    String editForm(@PathVariable UUID id, Model model) {
        return form(ArticleForm.of(articles.get(id)), id, Map.of(), model);
    }

    @PostMapping("/knowledge/{id}/edit")
    @RequiresRole(Role.OPERATOR)
    String edit(@PathVariable UUID id, ArticleForm form, Principal principal, Model model,
            RedirectAttributes redirect) {
        articles.get(id);
        try {
            var saved = articles.update(id, form.toInput(), principal.getName());
            redirect.addFlashAttribute("notice", "Saved version " + saved.version() + ".");
            return "redirect:/knowledge/" + id;
        } catch (InvalidInputException | ConflictException e) {
            return form(form, id, ArticleForm.shown(FormErrors.of(e)), model);
        }
    }

    private static int versionNumber(UUID id, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("Version " + text.strip() + " of article", id);
        }
    }

    private static String form(ArticleForm form, UUID id, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("articleId", id);
        model.addAttribute("heading", id == null ? "New article" : "Edit article");
        model.addAttribute("errors", errors);
        model.addAttribute("kindOptions", Choice.options(ArticleKind.class));
        model.addAttribute("ciClassOptions", Choice.options(CiClass.class));
        model.addAttribute("checkTypeOptions", Choice.options(CheckType.class));
        return "servicedesk/article-form";
    }
}
