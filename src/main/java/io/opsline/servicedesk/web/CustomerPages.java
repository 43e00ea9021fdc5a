package io.opsline.servicedesk.web;

import java.util.Map;
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
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.ConflictException;
import io.opsline.platform.FormErrors;
import io.opsline.platform.InvalidInputException;
import io.opsline.servicedesk.internal.customer.CustomerView;
import io.opsline.servicedesk.internal.customer.Customers;

/**
 * Customers for admins: the list, the form that creates or changes one, and deleting one (after a
 * confirmation; refused, with the reason on the form, while incidents or SLA policies name it).
 */
@Controller
class CustomerPages {

    static final String BASE = "/admin/customers";

    private final Customers customers;
    private final People people;

    CustomerPages(Customers customers, People people) {
        this.customers = customers;
        this.people = people;
    }

    @GetMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String list(Model model) {
        model.addAttribute("customers", customers.all().stream().map(c -> CustomerView.of(c, people)).toList());
        return "servicedesk/customers";
    }

    @GetMapping(BASE + "/new")
    @RequiresRole(Role.ADMIN)
    String form(Model model) {
        return form(null, CustomerForm.empty(), Map.of(), model);
    }

    @PostMapping(BASE)
    @RequiresRole(Role.ADMIN)
    String create(CustomerForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return save(null, form, model, redirect, response);
    }

    @GetMapping(BASE + "/{id}/edit")
    @RequiresRole(Role.ADMIN)
    String edit(@PathVariable UUID id, Model model) {
        return form(id, CustomerForm.of(CustomerView.of(customers.get(id), people)), Map.of(), model);
    }

    /** Saves a change made on the version the form was loaded with; a stale one is shown, not stored. */
    @PostMapping(BASE + "/{id}")
    @RequiresRole(Role.ADMIN)
    String update(@PathVariable UUID id, CustomerForm form, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        customers.get(id);
        return save(id, form, model, redirect, response);
    }

    /** Deletes the customer the confirmed form showed; while anything names it, the form says what. */
    @PostMapping(BASE + "/{id}/delete")
    @RequiresRole(Role.ADMIN)
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        var customer = customers.get(id);
        try {
            customers.delete(id, version);
            redirect.addFlashAttribute("notice", "Customer " + customer.name() + " deleted.");
            return "redirect:" + BASE;
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(id, CustomerForm.of(CustomerView.of(customers.get(id), people)), FormErrors.of(e), model);
        }
    }

    private String save(UUID id, CustomerForm form, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            var saved = id == null ? customers.create(form.toInput()) : customers.update(id, form.toInput());
            redirect.addFlashAttribute("notice", "Customer " + saved.name() + " saved.");
            return "redirect:" + BASE;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(id, form, form.shownErrors(FormErrors.of(e)), model);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(id, form, form.shownErrors(FormErrors.of(e)), model);
        }
    }

    private String form(UUID id, CustomerForm form, Map<String, String> errors, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("title", id == null ? "New customer" : "Edit customer");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "servicedesk/customer-form";
    }
}
