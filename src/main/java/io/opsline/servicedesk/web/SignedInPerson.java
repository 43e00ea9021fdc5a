package io.opsline.servicedesk.web;

import java.security.Principal;

import org.springframework.stereotype.Component;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.ForbiddenException;

/** The person behind a request's principal, for the service-desk actions that depend on who acts. */
@Component
class SignedInPerson {

    private final People people;

    SignedInPerson(People people) {
        this.people = people;
    }

    Person of(Principal principal) {
        return people.findByUsername(principal.getName())
                .orElseThrow(() -> new ForbiddenException("The signed-in user no longer exists"));
    }
}
