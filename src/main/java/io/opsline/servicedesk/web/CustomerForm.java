package io.opsline.servicedesk.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsline.servicedesk.internal.customer.CustomerInput;
import io.opsline.servicedesk.internal.customer.CustomerView;

/**
 * The customer form as typed: contacts are usernames, one per line or separated by commas;
 * {@code version} is the version the editor read.
 */
public record CustomerForm(Long version, String name, String description, String contacts) {

    static CustomerForm empty() {
        return new CustomerForm(null, null, null, null);
    }

    static CustomerForm of(CustomerView customer) {
        return new CustomerForm(customer.version(), customer.name(), customer.description(),
                String.join("\n", customer.contacts().stream()
                        .map(c -> c.name() == null ? c.id().toString() : c.name()).toList()));
    }

    CustomerInput toInput() {
        return new CustomerInput(version, name, description, contactList());
    }

    private List<String> contactList() {
        if (contacts == null || contacts.isBlank()) {
            return List.of();
        }
        return Arrays.stream(contacts.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /**
     * The service names each bad contact by its place ({@code contacts[2]}); the form has one field for
     * all of them, so their messages are shown together beside it, named by what was typed.
     */
    Map<String, String> shownErrors(Map<String, String> errors) {
        var typed = contactList();
        var shown = new LinkedHashMap<String, String>();
        for (var error : errors.entrySet()) {
            var field = error.getKey();
            if (field.startsWith("contacts[")) {
                var index = Integer.parseInt(field.substring("contacts[".length(), field.indexOf(']')));
                var who = index < typed.size() ? typed.get(index) : "line " + (index + 1);
                shown.merge("contacts", who + ": " + error.getValue(), (a, b) -> a + "; " + b);
            } else {
                shown.put(field, error.getValue());
            }
        }
        return shown;
    }
}
