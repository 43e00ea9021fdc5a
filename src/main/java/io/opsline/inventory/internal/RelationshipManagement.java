package io.opsline.inventory.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.RelationshipType;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/** Linking and unlinking configuration items, each change audited. */
@Service
public class RelationshipManagement {

    private final RelationshipRepository relationships;
    private final AuditLog audit;

    RelationshipManagement(RelationshipRepository relationships, AuditLog audit) {
        this.relationships = relationships;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Page<RelationshipView> search(String ci, String type, PageRequest page) {
        var v = new Violations();
        var ciId = v.optionalId("ci", ci, "must be a CI id");
        var parsedType = v.optionalChoice("type", type, RelationshipType.class);
        v.throwIfAny("Invalid filter");
        return relationships.search(ciId, parsedType, page);
    }

    @Transactional(readOnly = true)
    public RelationshipView get(UUID id) {
        return relationships.findView(id).orElseThrow(() -> new NotFoundException("Relationship", id));
    }

    @Transactional(readOnly = true)
    public List<RelationshipView> forCi(UUID ciId) {
        return relationships.forCi(ciId);
    }

    @Transactional
    public RelationshipView create(RelationshipInput input) {
        var v = new Violations();
        var type = Choice.parse(RelationshipType.class, input.type()).orElse(null);
        if (type == null) {
            v.add("type", input.type() == null || input.type().isBlank()
                    ? "is required: one of " + Choice.keys(RelationshipType.class)
                    : "unknown value '%s': use one of %s".formatted(input.type(), Choice.keys(RelationshipType.class)));
        }
        var source = end(v, "source", input.source());
        var target = end(v, "target", input.target());
        if (source != null && source.equals(target)) {
            v.add("target", "a configuration item cannot be related to itself");
        }
        v.throwIfAny("Invalid relationship");
        if (relationships.exists(source, target, type)) {
            throw duplicate();
        }
        var relationship = new Relationship(Ids.newId(), source, target, type, Jdbc.now());
        try {
            relationships.insertAll(List.of(relationship));
        } catch (DuplicateKeyException e) {
            throw duplicate();
        }
        var view = get(relationship.id());
        audit.record(addedEntry(view));
        return view;
    }

    @Transactional
    public void delete(UUID id) {
        var view = get(id);
        relationships.delete(id);
        audit.record(removedEntry(view));
    }

    static AuditEntry addedEntry(RelationshipView view) {
        return new AuditEntry("relationship.create", "relationship", view.id().toString(),
                "Related %s %s %s".formatted(view.source().name(), view.type().label(), view.target().name()), null,
                view);
    }

    static AuditEntry removedEntry(RelationshipView view) {
        return new AuditEntry("relationship.delete", "relationship", view.id().toString(),
                "Removed %s %s %s".formatted(view.source().name(), view.type().label(), view.target().name()), view,
                null);
    }

    private UUID end(Violations v, String field, String text) {
        if (text == null || text.isBlank()) {
            v.add(field, "is required: the id of a configuration item");
            return null;
        }
        var id = Ids.parseOrNull(text.strip());
        if (id == null || relationships.refs(List.of(id)).isEmpty()) {
            v.add(field, "no configuration item with id '%s'".formatted(text.strip()));
            return null;
        }
        return id;
    }

    private static ConflictException duplicate() {
        return new ConflictException("These configuration items are already related that way");
    }
}
