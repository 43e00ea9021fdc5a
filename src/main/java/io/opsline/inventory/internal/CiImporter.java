package io.opsline.inventory.internal;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiSaved;
import io.opsline.inventory.RelationshipType;
import io.opsline.platform.Choice;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Imports CIs and relationships from CSV, YAML or JSON. A CI in the file is the stored CI with
 * the same external id, else the one with the same class and name, else a new one; only the
 * fields the file gives change. Every row is checked before anything is written: a file with
 * any bad row imports nothing and the answer lists each row's errors. Importing the same file
 * twice changes nothing the second time.
 */
@Service
public class CiImporter {

    private static final CiInput EMPTY = new CiInput(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    private final CiRepository cis;
    private final RelationshipRepository relationships;
    private final Teams teams;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ObjectMapper yaml;
    private final InventoryProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CiImporter(CiRepository cis, RelationshipRepository relationships, Teams teams, AuditLog audit, JsonMapper json,
            InventoryProperties properties, PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.cis = cis;
        this.relationships = relationships;
        this.teams = teams;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
        var limit = (int) Math.min(Integer.MAX_VALUE, properties.maxImportSize().toBytes());
        this.yaml = new YAMLMapper(YAMLFactory.builder()
                .loadSettings(LoadSettings.builder().setCodePointLimit(limit).build()).build());
    }

    /** Parses a file; errors that stop parsing come back inside the document. */
    public ImportDocument parse(TransferFormat format, InputStream input) {
        var bounded = new BoundedInputStream(input, properties.maxImportSize().toBytes());
        return switch (format) {
            case CSV -> CsvTransfer.read(new InputStreamReader(bounded, StandardCharsets.UTF_8));
            case YAML -> DocumentTransfer.read(yaml, bounded);
            case JSON -> DocumentTransfer.read(json, bounded);
        };
    }

    /** Parses outside any transaction, then checks and writes the whole file in one. */
    public ImportReport importFile(TransferFormat format, InputStream input, boolean dryRun) {
        var document = parse(format, input);
        var report = transactions.execute(status -> apply(document, format == TransferFormat.CSV, dryRun));
        var written = (long) report.cisCreated() + report.cisUpdated() + report.relationshipsCreated();
        if (!dryRun && properties.statisticsAfterImportRows() > 0 && written >= properties.statisticsAfterImportRows()) {
            cis.refreshStatistics();
        }
        return report;
    }

    private ImportReport apply(ImportDocument document, boolean csv, boolean dryRun) {
        var plan = new Plan(csv);
        plan.errors.addAll(document.errors());
        var teamRefs = teamResolver();
        plan.matchRows(document.cis());
        plan.validate(teamRefs);
        plan.checkUniqueness();
        plan.resolveRelationships(document.relationships());
        if (!plan.errors.isEmpty()) {
            throw refused(plan.errors);
        }
        var report = new ImportReport(dryRun, plan.created.size(), plan.updated.size(), plan.unchanged,
                plan.newRelationships.size(), plan.relationshipsUnchanged);
        if (!dryRun) {
            write(plan, report);
        }
        return report;
    }

    private void write(Plan plan, ImportReport report) {
        cis.insertAll(plan.created);
        cis.updateAll(plan.updated);
        relationships.insertAll(plan.newRelationships);
        var teamNames = new HashMap<UUID, String>();
        teams.all().forEach(t -> teamNames.put(t.id(), t.name()));
        var entries = new ArrayList<AuditEntry>();
        for (var item : plan.created) {
            entries.add(new AuditEntry("ci.create", "ci", item.id().toString(), "Imported %s %s"
                    .formatted(item.content().ciClass().label().toLowerCase(), item.content().name()), null,
                    CiView.of(item, teamNames.get(item.content().ownerTeamId()))));
        }
        for (var item : plan.updated) {
            var before = plan.existing.get(item.id());
            var after = new ConfigurationItem(item.id(), item.content(), item.createdAt(), item.updatedAt(),
                    item.version() + 1);
            entries.add(new AuditEntry("ci.update", "ci", item.id().toString(), "Updated %s %s by import"
                    .formatted(item.content().ciClass().label().toLowerCase(), item.content().name()),
                    CiView.of(before, teamNames.get(before.content().ownerTeamId())),
                    CiView.of(after, teamNames.get(item.content().ownerTeamId()))));
        }
        plan.labelStoredEnds();
        for (var relationship : plan.newRelationships) {
            var source = plan.describe(relationship.sourceId());
            var target = plan.describe(relationship.targetId());
            var snapshot = new LinkedHashMap<String, Object>();
            snapshot.put("id", relationship.id());
            snapshot.put("source", source);
            snapshot.put("type", relationship.type().key());
            snapshot.put("target", target);
            entries.add(new AuditEntry("relationship.create", "relationship", relationship.id().toString(),
                    "Related %s %s %s by import".formatted(source, relationship.type().label(), target), null,
                    snapshot));
        }
        entries.add(new AuditEntry("inventory.import", "inventory", null, ("Import: %d CIs created, %d updated,"
                + " %d unchanged; %d relationships created, %d unchanged").formatted(report.cisCreated(),
                report.cisUpdated(), report.cisUnchanged(), report.relationshipsCreated(),
                report.relationshipsUnchanged()), null, report));
        audit.recordAll(entries);
        plan.created.forEach(item -> events.publishEvent(new CiSaved(item.id())));
        plan.updated.forEach(item -> events.publishEvent(new CiSaved(item.id())));
    }

    private InvalidInputException refused(List<FieldViolation> errors) {
        var listed = errors.size() > properties.maxReportedErrors()
                ? errors.subList(0, properties.maxReportedErrors()) : errors;
        var message = errors.size() == 1
                ? "The file has 1 problem; nothing was imported"
                : "The file has %d problems%s; nothing was imported".formatted(errors.size(),
                        listed.size() < errors.size() ? " (the first %d are listed)".formatted(listed.size()) : "");
        return new InvalidInputException(message, listed);
    }

    /** Resolves owner-team references by id or case-insensitive name, without a query per row. */
    private java.util.function.Function<String, Optional<UUID>> teamResolver() {
        var byName = teams.byLowerCaseName();
        var byId = new HashMap<UUID, TeamRef>();
        byName.values().forEach(t -> byId.put(t.id(), t));
        return ref -> {
            var id = Ids.parseOrNull(ref.strip());
            var team = id != null ? byId.get(id) : byName.get(ref.strip().toLowerCase());
            return Optional.ofNullable(team).map(TeamRef::id);
        };
    }

    private static String nameKey(CiClass ciClass, String name) {
        return ciClass.name() + "|" + name.strip().toLowerCase();
    }

    /** The work out an import: which rows create, change or leave CIs, and every problem found. */
    private final class Plan {

        final boolean csv;
        final List<FieldViolation> errors = new ArrayList<>();
        final Map<String, CiKey> storedByExternalId = new HashMap<>();
        final Map<String, CiKey> storedByName = new HashMap<>();
        final List<Match> matches = new ArrayList<>();
        final Map<UUID, ConfigurationItem> existing = new HashMap<>();
        final List<Planned> planned = new ArrayList<>();
        final List<ConfigurationItem> created = new ArrayList<>();
        final List<ConfigurationItem> updated = new ArrayList<>();
        int unchanged;
        final Map<String, UUID> finalByName = new HashMap<>();
        final Map<String, UUID> finalByExternalId = new HashMap<>();
        final Map<UUID, String> labels = new HashMap<>();
        final List<Relationship> newRelationships = new ArrayList<>();
        int relationshipsUnchanged;

        Plan(boolean csv) {
            this.csv = csv;
            for (var key : cis.findKeys()) {
                storedByName.put(key.ciClass().name() + "|" + key.nameKey(), key);
                if (key.externalId() != null) {
                    storedByExternalId.put(key.externalId(), key);
                }
            }
        }

        record Match(CiRow row, CiKey stored) {
        }

        record Planned(CiRow row, UUID id, CiContent content, ConfigurationItem before) {
        }

        /** Pairs each row with the stored CI it stands for, if any, and refuses rows that repeat a CI. */
        void matchRows(List<CiRow> rows) {
            var seen = new HashMap<String, Integer>();
            for (var row : rows) {
                var externalId = trimmed(row.text(CiField.EXTERNAL_ID));
                var ciClass = Choice.parse(CiClass.class, row.text(CiField.CLASS)).orElse(null);
                var name = trimmed(row.text(CiField.NAME));
                CiKey stored = externalId == null ? null : storedByExternalId.get(externalId);
                if (stored == null && ciClass != null && name != null) {
                    stored = storedByName.get(nameKey(ciClass, name));
                    if (stored != null && externalId != null && stored.externalId() != null) {
                        error(row.row(), CiField.EXTERNAL_ID.path, "a %s named '%s' already exists with external id '%s'"
                                .formatted(ciClass.key(), name, stored.externalId()));
                        continue;
                    }
                }
                var identity = stored != null ? "id:" + stored.id()
                        : externalId != null ? "ext:" + externalId
                        : ciClass != null && name != null ? "name:" + nameKey(ciClass, name) : null;
                if (identity != null) {
                    var earlier = seen.putIfAbsent(identity, row.row());
                    if (earlier != null) {
                        error(row.row(), CiField.NAME.path, "describes the same CI as row %d".formatted(earlier));
                        continue;
                    }
                }
                matches.add(new Match(row, stored));
            }
            var ids = matches.stream().filter(m -> m.stored() != null).map(m -> m.stored().id()).toList();
            cis.findAllById(ids).forEach(item -> existing.put(item.id(), item));
        }

        void validate(java.util.function.Function<String, Optional<UUID>> teamRefs) {
            var teamNames = new HashMap<UUID, String>();
            teams.all().forEach(t -> teamNames.put(t.id(), t.name()));
            for (var match : matches) {
                var before = match.stored() == null ? null : existing.get(match.stored().id());
                var base = before == null ? EMPTY : CiView.of(before, teamNames.get(before.content().ownerTeamId())).toInput();
                var result = CiValidator.validate(match.row().over(base), teamRefs);
                if (!result.valid()) {
                    result.violations().forEach(v -> error(match.row().row(), v.field(), v.message()));
                    continue;
                }
                planned.add(new Planned(match.row(), before == null ? Ids.newId() : before.id(), result.content(),
                        before));
            }
        }

        /** Names and external ids must stay unique after the import, renames included. */
        void checkUniqueness() {
            var touched = new HashSet<UUID>();
            planned.stream().filter(p -> p.before() != null).forEach(p -> touched.add(p.id()));
            storedByName.forEach((key, ci) -> {
                if (!touched.contains(ci.id())) {
                    finalByName.put(key, ci.id());
                }
            });
            storedByExternalId.forEach((key, ci) -> {
                if (!touched.contains(ci.id())) {
                    finalByExternalId.put(key, ci.id());
                }
            });
            var now = Jdbc.now();
            for (var p : planned) {
                var content = p.content();
                var owner = finalByName.putIfAbsent(nameKey(content.ciClass(), content.name()), p.id());
                if (owner != null && !owner.equals(p.id())) {
                    error(p.row().row(), CiField.NAME.path, "a %s named '%s' already exists"
                            .formatted(content.ciClass().key(), content.name()));
                    continue;
                }
                if (content.externalId() != null) {
                    var extOwner = finalByExternalId.putIfAbsent(content.externalId(), p.id());
                    if (extOwner != null && !extOwner.equals(p.id())) {
                        error(p.row().row(), CiField.EXTERNAL_ID.path, "another CI already has external id '%s'"
                                .formatted(content.externalId()));
                        continue;
                    }
                }
                labels.put(p.id(), content.ciClass().key() + " " + content.name());
                if (p.before() == null) {
                    created.add(new ConfigurationItem(p.id(), content, now, now, 0));
                } else if (p.before().content().equals(content)) {
                    unchanged++;
                } else {
                    updated.add(new ConfigurationItem(p.id(), content, p.before().createdAt(), now,
                            p.before().version()));
                }
            }
        }

        void resolveRelationships(List<RelationshipRow> rows) {
            if (rows.isEmpty()) {
                return;
            }
            var resolved = new ArrayList<Relationship>();
            var now = Jdbc.now();
            var inFile = new HashMap<String, Integer>();
            for (var row : rows) {
                var type = Choice.parse(RelationshipType.class, row.type()).orElse(null);
                if (type == null) {
                    error(row.row(), relationshipField("type"), row.type() == null
                            ? "is required: one of " + Choice.keys(RelationshipType.class)
                            : "unknown value '%s': use one of %s".formatted(row.type(), Choice.keys(RelationshipType.class)));
                }
                var source = resolve(row.row(), "source", row.source());
                var target = resolve(row.row(), "target", row.target());
                if (type == null || source == null || target == null) {
                    continue;
                }
                if (source.equals(target)) {
                    error(row.row(), relationshipField("target"), "a configuration item cannot be related to itself");
                    continue;
                }
                var key = RelationshipRepository.key(source, target, type);
                if (inFile.putIfAbsent(key, row.row()) != null) {
                    relationshipsUnchanged++;
                    continue;
                }
                resolved.add(new Relationship(Ids.newId(), source, target, type, now));
            }
            var createdIds = new HashSet<UUID>();
            created.forEach(c -> createdIds.add(c.id()));
            var storedSources = resolved.stream().map(Relationship::sourceId).filter(id -> !createdIds.contains(id))
                    .distinct().toList();
            var stored = relationships.existingKeys(storedSources);
            for (var relationship : resolved) {
                if (stored.contains(RelationshipRepository.key(relationship.sourceId(), relationship.targetId(),
                        relationship.type()))) {
                    relationshipsUnchanged++;
                } else {
                    newRelationships.add(relationship);
                }
            }
        }

        private UUID resolve(int row, String end, RelationshipRow.End ref) {
            if (ref.empty()) {
                error(row, relationshipField(end), "name the CI by external id, or by class and name");
                return null;
            }
            if (ref.externalId() != null && !ref.externalId().isBlank()) {
                var id = finalByExternalId.get(ref.externalId().strip());
                if (id == null) {
                    error(row, relationshipField(end), "no CI with external id '%s' is stored or in this file"
                            .formatted(ref.externalId().strip()));
                }
                return id;
            }
            var ciClass = Choice.parse(CiClass.class, ref.ciClass()).orElse(null);
            if (ciClass == null) {
                error(row, relationshipField(end), "unknown class '%s': use one of %s"
                        .formatted(ref.ciClass(), Choice.keys(CiClass.class)));
                return null;
            }
            var id = finalByName.get(nameKey(ciClass, ref.name()));
            if (id == null) {
                error(row, relationshipField(end), "no %s named '%s' is stored or in this file"
                        .formatted(ciClass.key(), ref.name().strip()));
            }
            return id;
        }

        /**
         * Labels, in a few batched queries, the stored CIs the new relationships touch that this
         * file does not describe, so {@link #describe} need not ask once per CI.
         */
        void labelStoredEnds() {
            var missing = new HashSet<UUID>();
            for (var relationship : newRelationships) {
                for (var id : List.of(relationship.sourceId(), relationship.targetId())) {
                    if (!labels.containsKey(id)) {
                        missing.add(id);
                    }
                }
            }
            relationships.refs(missing).forEach(ref -> labels.put(ref.id(), ref.ciClass().key() + " " + ref.name()));
        }

        /** A CI as the audit log names it in relationship records. */
        String describe(UUID id) {
            var label = labels.get(id);
            if (label != null) {
                return label;
            }
            var text = relationships.refs(List.of(id)).stream().findFirst()
                    .map(ref -> ref.ciClass().key() + " " + ref.name()).orElse(id.toString());
            labels.put(id, text);
            return text;
        }

        private String relationshipField(String name) {
            return csv ? name : "relationships." + name;
        }

        private void error(int row, String path, String message) {
            var field = csv ? CiField.columnOf(path) : (path.startsWith("relationships.") ? path : "cis." + path);
            errors.add(new FieldViolation(row, field, message));
        }

        private static String trimmed(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }
}
