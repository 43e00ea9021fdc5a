package io.opsline.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.opsline.identity.internal.UserAccount;
import io.opsline.identity.internal.UserRepository;
import io.opsline.platform.PageRequest;

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

    public Optional<Person> findByUsername(String username) {
        return users.findByUsername(username).map(People::person);
    }

    /** Resolves a reference given as a user id or a username (case-insensitive). */
    public Optional<Person> resolve(String idOrUsername) {
        if (idOrUsername == null || idOrUsername.isBlank()) {
            return Optional.empty();
        }
        var byId = io.opsline.platform.Ids.parseOrNull(idOrUsername.strip());
        return byId != null ? find(byId) : findByUsername(idOrUsername.strip());
    }

    /** Enabled users in username order, the first {@link PageRequest#MAX_SIZE}: the choices where a form names a person. */
    public List<Person> enabled() {
        return users.search(null, null, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(UserAccount::enabled).map(People::person).toList();
    }

    private static Person person(UserAccount user) {
        return new Person(user.id(), user.username(), user.displayName(), user.email(), user.enabled());
    }
}
