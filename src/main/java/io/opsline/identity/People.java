package io.opsline.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.opsline.identity.internal.UserAccount;
import io.opsline.identity.internal.UserRepository;

/** Read access to users for modules that name people in their data (on-call schedules, escalation). */
@Service
public class People {

    private final UserRepository users;

    People(UserRepository users) {
        this.users = users;
    }

    public Optional<Person> find(UUID id) {
        return users.findById(id).map(People::person);
    }

    /** The users with these ids that exist, by id. */
    public Map<UUID, Person> findAll(Collection<UUID> ids) {
        var distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        return users.findAllById(distinct).stream().map(People::person)
                .collect(Collectors.toMap(Person::id, Function.identity()));
    }

    private static Person person(UserAccount user) {
        return new Person(user.id(), user.username(), user.displayName(), user.email(), user.enabled());
    }
}
