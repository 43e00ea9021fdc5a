package io.opsline.inventory.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import io.opsline.identity.Teams;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the inventory, or the part a filter selects, in a form {@link CiImporter} reads back
 * unchanged. Relationships are exported when both their ends are.
 */
@Service
public class CiExporter {

    /** What a CSV export holds; YAML and JSON always hold both. */
    public enum Kind {
        CIS, RELATIONSHIPS
    }

    private final CiRepository cis;
    private final RelationshipRepository relationships;
    private final CiManagement management;
    private final Teams teams;
    private final JsonMapper json;
    // Every string quoted: unquoted, text like 6.10, 2e5 or .inf would read back as a number (or fail to).
    private final ObjectMapper yaml = YAMLMapper.builder().build();

    CiExporter(CiRepository cis, RelationshipRepository relationships, CiManagement management, Teams teams,
            JsonMapper json) {
        this.cis = cis;
        this.relationships = relationships;
        this.management = management;
        this.teams = teams;
        this.json = json;
    }

    /** Checks the filters and turns them into a query for {@link #export}. */
    public CiQuery query(CiFilter filter) {
        return management.query(filter);
    }

    public void export(TransferFormat format, Kind kind, CiQuery query, OutputStream output) throws IOException {
        var exported = new HashSet<UUID>();
        Consumer<Consumer<CiView>> ciSource = sink -> {
            var teamNames = new HashMap<UUID, String>();
            teams.all().forEach(t -> teamNames.put(t.id(), t.name()));
            cis.forEachBatch(query, batch -> batch.forEach(item -> {
                exported.add(item.id());
                sink.accept(CiView.of(item, teamNames.get(item.content().ownerTeamId())));
            }));
        };
        var filtered = !query.equals(CiQuery.all());
        Consumer<Consumer<RelationshipExport>> relationshipSource = sink -> {
            if (filtered && exported.isEmpty()) {
                collectIds(query, exported);
            }
            relationships.forEachExport(r -> {
                if (!filtered || exported.contains(r.sourceId()) && exported.contains(r.targetId())) {
                    sink.accept(r);
                }
            });
        };
        switch (format) {
            case CSV -> {
                var writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
                try {
                    if (kind == Kind.RELATIONSHIPS) {
                        CsvTransfer.writeRelationships(writer, relationshipSource);
                    } else {
                        CsvTransfer.writeCis(writer, cis.attributeNames(query), ciSource);
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            case YAML -> DocumentTransfer.write(yaml, output, ciSource, relationshipSource);
            case JSON -> DocumentTransfer.write(json, output, ciSource, relationshipSource);
        }
    }

    private void collectIds(CiQuery query, Set<UUID> ids) {
        cis.forEachBatch(query, batch -> batch.forEach(item -> ids.add(item.id())));
    }
}
