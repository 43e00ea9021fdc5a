package io.opsline.inventory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiDeleted;
import io.opsline.inventory.CiSaved;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/** Finding, creating, changing and removing configuration items, each change audited. */
@Service
public class CiManagement {

    private final CiRepository cis;
    private final RelationshipRepository relationships;
    private final Teams teams;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    CiManagement(CiRepository cis, RelationshipRepository relationships, Teams teams, AuditLog audit,
            ApplicationEventPublisher events) {
        this.cis = cis;
        this.relationships = relationships;
        this.teams = teams;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Page<CiView> search(CiFilter filter, PageRequest page) {
        return views(cis.search(query(filter), page));
    }

    @Transactional(readOnly = true)
    public CiView get(UUID id) {
        return view(find(id));
    }

    @Transactional(readOnly = true)
    public Map<CiClass, Long> countByClass() {
        return cis.countByClass();
    }

    @Transactional(readOnly = true)
    public List<String> tagsInUse() {
        return cis.tagsInUse();
    }

    @Transactional
    public CiView create(CiInput input) {
        var content = validate(input);
        requireUnique(content, null);
        var now = Jdbc.now();
        var item = new ConfigurationItem(Ids.newId(), content, now, now, 0);
        insert(item);
        var created = view(item);
        audit.record(new AuditEntry("ci.create", "ci", item.id().toString(),
                "Created %s %s".formatted(content.ciClass().label().toLowerCase(), content.name()), null, created));
        events.publishEvent(new CiSaved(item.id()));
        return created;
    }

    /** Replaces a CI's content; {@code input.version} must be the version the caller last read. */
    @Transactional
    public CiView update(UUID id, CiInput input) {
        var existing = find(id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: send the version you last read");
        }
        var content = validate(input);
        if (input.version() != existing.version()) {
            throw stale(existing, input.version());
        }
        var before = view(existing);
        if (content.equals(existing.content())) {
            return before;
        }
        requireUnique(content, id);
        var changed = new ConfigurationItem(id, content, existing.createdAt(), Jdbc.now(), existing.version());
        try {
            cis.updateAll(List.of(changed));
        } catch (DuplicateKeyException e) {
            throw duplicate(content);
        }
        var after = view(find(id));
        audit.record(new AuditEntry("ci.update", "ci", id.toString(),
                "Updated %s %s".formatted(content.ciClass().label().toLowerCase(), content.name()), before, after));
        events.publishEvent(new CiSaved(id));
        return after;
    }

    /** Deletes a CI and the relationships touching it, auditing each. */
    @Transactional
    public void delete(UUID id) {
        var existing = find(id);
        var before = view(existing);
        var links = relationships.forCi(id);
        cis.delete(id);
        var entries = new ArrayList<AuditEntry>();
        for (var link : links) {
            entries.add(RelationshipManagement.removedEntry(link));
        }
        entries.add(new AuditEntry("ci.delete", "ci", id.toString(),
                "Deleted %s %s%s".formatted(existing.content().ciClass().label().toLowerCase(),
                        existing.content().name(),
                        links.isEmpty() ? "" : " and its %d relationship(s)".formatted(links.size())),
                before, null));
        audit.recordAll(entries);
        events.publishEvent(new CiDeleted(id, existing.content().name()));
    }

    CiContent validate(CiInput input) {
        var result = CiValidator.validate(input, ref -> teams.resolve(ref).map(TeamRef::id));
        if (!result.valid()) {
            throw new InvalidInputException("Invalid configuration item", result.violations());
        }
        return result.content();
    }

    private void insert(ConfigurationItem item) {
        try {
            cis.insertAll(List.of(item));
        } catch (DuplicateKeyException e) {
            throw duplicate(item.content());
        }
    }

    private void requireUnique(CiContent content, UUID self) {
        var sameName = cis.findIdByClassAndName(content.ciClass(), content.name()).filter(id -> !id.equals(self));
        if (sameName.isPresent()) {
            throw duplicate(content);
        }
        if (content.externalId() != null) {
            cis.findIdByExternalId(content.externalId()).filter(id -> !id.equals(self)).ifPresent(id -> {
                throw ConflictException.onField("externalId",
                        "another CI already has external id '%s'".formatted(content.externalId()));
            });
        }
    }

    private static ConflictException duplicate(CiContent content) {
        return ConflictException.onField("name", "a %s named '%s' already exists"
                .formatted(content.ciClass().label().toLowerCase(), content.name()));
    }

    private static ConflictException stale(ConfigurationItem existing, long sent) {
        return ConflictException.onField("version", ("%s was changed by someone else (now version %d, you sent %d);"
                + " reload it and apply your change again").formatted(existing.content().name(), existing.version(), sent));
    }

    CiQuery query(CiFilter filter) {
        var v = new Violations();
        var ciClass = v.optionalChoice("class", filter.ciClass(), CiClass.class);
        var status = v.optionalChoice("status", filter.status(), CiStatus.class);
        var environment = v.optionalChoice("environment", filter.environment(), Environment.class);
        var criticality = v.optionalChoice("criticality", filter.criticality(), Criticality.class);
        UUID teamId = null;
        if (filter.team() != null && !filter.team().isBlank()) {
            teamId = teams.resolve(filter.team()).map(TeamRef::id).orElse(null);
            if (teamId == null) {
                v.add("team", "no team named '%s'".formatted(filter.team()));
            }
        }
        var sort = CiQuery.CiSort.NAME;
        if (filter.sort() != null && !filter.sort().isBlank()) {
            try {
                sort = CiQuery.CiSort.valueOf(filter.sort().strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                v.add("sort", "must be one of name, class, status, updated");
            }
        }
        v.throwIfAny("Invalid filter");
        return new CiQuery(filter.q(), ciClass, status, environment, criticality, teamId, filter.tag(), sort);
    }

    private ConfigurationItem find(UUID id) {
        return cis.findById(id).orElseThrow(() -> new NotFoundException("Configuration item", id));
    }

    CiView view(ConfigurationItem item) {
        var teamId = item.content().ownerTeamId();
        var teamName = teamId == null ? null : teams.find(teamId).map(TeamRef::name).orElse(null);
        return CiView.of(item, teamName);
    }

    Page<CiView> views(Page<ConfigurationItem> page) {
        var teamNames = teams.names(page.items().stream().map(i -> i.content().ownerTeamId())
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        return page.map(item -> CiView.of(item, Optional.ofNullable(item.content().ownerTeamId())
                .map(teamNames::get).orElse(null)));
    }
}
