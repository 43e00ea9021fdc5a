package io.opsline.inventory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.platform.ConflictException;
import io.opsline.platform.DatabaseEngine;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.ValueList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code ci}, {@code ci_tag} and {@code ci_address}. */
@Repository
public class CiRepository {

    private static final String COLUMNS = "c.id, c.external_id, c.ci_class, c.name, c.status, c.environment,"
            + " c.criticality, c.owner_team_id, c.location, c.description, c.vendor, c.model, c.serial_number,"
            + " c.purchase_date, c.purchase_cost, c.warranty_end, c.end_of_life, c.attributes, c.created_at,"
            + " c.updated_at, c.version";
    private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final int BATCH = 1000;
    /**
     * Which of several CIs with one name or address a lookup takes: active before under maintenance,
     * planned and retired; among those, a machine (server, virtual machine, network device) before
     * what runs on one, since events name machines; then the most recently changed; then by id, so
     * that equals never take turns.
     */
    private static final String PREFERRED_FIRST = " ORDER BY"
            + " CASE c.status WHEN 'ACTIVE' THEN 0 WHEN 'MAINTENANCE' THEN 1 WHEN 'PLANNED' THEN 2 ELSE 3 END,"
            + " CASE WHEN c.ci_class IN ('SERVER', 'VIRTUAL_MACHINE', 'NETWORK_DEVICE') THEN 0 ELSE 1 END,"
            + " c.updated_at DESC, c.id";
    /** Up to this many CIs with a tag, a tag-filtered page is found by sorting them (see search). */
    private static final int FEW_TAGGED = 5000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final DatabaseEngine engine;
    private final ValueList uuids;
    private final ValueList texts;

    CiRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.engine = engine;
        this.uuids = new ValueList(engine, "uuid");
        this.texts = new ValueList(engine, "text");
    }

    public Optional<ConfigurationItem> findById(UUID id) {
        return findAllById(List.of(id)).stream().findFirst();
    }

    /** The CIs with these ids (missing ids are skipped), in no particular order. */
    public List<ConfigurationItem> findAllById(Collection<UUID> ids) {
        var found = new ArrayList<ConfigurationItem>(ids.size());
        var list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += BATCH) {
            var chunk = list.subList(from, Math.min(list.size(), from + BATCH));
            var rows = jdbc.sql("SELECT " + COLUMNS + " FROM ci c WHERE " + uuids.in("c.id", "ids"))
                    .param("ids", uuids.of(chunk)).query(this::mapRow).list();
            found.addAll(withChildren(rows));
        }
        return found;
    }

    /**
     * The ids of the CIs of a class, in one of the statuses, that carry every one of the tags (any
     * CI of the class when there are none), ordered by name.
     */
    public List<UUID> findMatchingIds(CiClass ciClass, Collection<String> tags, Collection<CiStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        var params = new HashMap<String, Object>();
        params.put("ciClass", ciClass.name());
        params.put("statuses", statuses.stream().map(CiStatus::name).toList());
        var sql = new StringBuilder("SELECT c.id FROM ci c WHERE c.ci_class = :ciClass AND c.status IN (:statuses)");
        if (!tags.isEmpty()) {
            // ci_tag's key (ci_id, tag) counts each tag once per CI: all found means all carried.
            sql.append(" AND c.id IN (SELECT t.ci_id FROM ci_tag t WHERE ").append(texts.in("t.tag", "tags"))
                    .append(" GROUP BY t.ci_id HAVING COUNT(*) = :tagCount)");
            params.put("tags", texts.of(tags));
            params.put("tagCount", tags.size());
        }
        sql.append(" ORDER BY c.name_key, c.id");
        return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    public Optional<UUID> findIdByClassAndName(CiClass ciClass, String name) {
        return jdbc.sql("SELECT id FROM ci WHERE ci_class = ? AND name_key = ?")
                .params(ciClass.name(), name.toLowerCase()).query(UUID.class).optional();
    }

    /**
     * The CI with an address of this {@link Addresses#key}, the {@linkplain #PREFERRED_FIRST preferred} one
     * when several have it.
     */
    public Optional<UUID> findPreferredIdByAddress(String addressKey) {
        return jdbc.sql("SELECT c.id FROM ci_address a JOIN ci c ON c.id = a.ci_id WHERE a.address_key = ?"
                + PREFERRED_FIRST + " LIMIT 1").param(addressKey).query(UUID.class).optional();
    }

    /**
     * The CI named this (ignoring case) or with an address of this {@link Addresses#key}, the
     * {@linkplain #PREFERRED_FIRST preferred} one when several are.
     */
    public Optional<UUID> findPreferredIdByNameOrAddress(String key) {
        return jdbc.sql("SELECT c.id FROM ci c WHERE c.id IN (SELECT n.id FROM ci n WHERE n.name_key = ?"
                + " UNION ALL SELECT a.ci_id FROM ci_address a WHERE a.address_key = ?)" + PREFERRED_FIRST + " LIMIT 1")
                .params(key, key).query(UUID.class).optional();
    }

    public Optional<UUID> findIdByExternalId(String externalId) {
        return jdbc.sql("SELECT id FROM ci WHERE external_id = ?").param(externalId).query(UUID.class).optional();
    }

    /** Every CI's reconciliation keys, for imports. */
    public List<CiKey> findKeys() {
        return jdbc.sql("SELECT id, ci_class, name_key, external_id FROM ci")
                .query((rs, n) -> new CiKey(Jdbc.uuid(rs, "id"), CiClass.valueOf(rs.getString("ci_class")),
                        rs.getString("name_key"), rs.getString("external_id")))
                .list();
    }

    public Page<ConfigurationItem> search(CiQuery query, PageRequest page) {
        var params = new ArrayList<Object>();
        var where = where(query, params);
        var pageSql = " FROM ci c" + where + " ORDER BY " + orderBy(query) + " LIMIT ? OFFSET ?";
        long total;
        List<UUID> ids;
        if (hasText(query) && engine == DatabaseEngine.H2) {
            // No index helps a substring search on H2, so it reads every CI once, taking only the
            // sort keys of the matches; the count and the page are worked out here. Reading the
            // table twice (a count, then a page) cost nearly twice as much.
            var matches = jdbc.sql("SELECT c.id, c.name_key, c.ci_class, c.status, c.updated_at FROM ci c" + where)
                    .params(params)
                    .query((rs, n) -> new SortKey(Jdbc.uuid(rs, "id"), rs.getString("name_key"),
                            rs.getString("ci_class"), rs.getString("status"), Jdbc.instant(rs, "updated_at")))
                    .list();
            var sorted = new ArrayList<>(matches);
            sorted.sort(SortKey.order(query.sort()));
            total = sorted.size();
            int from = (int) Math.min(total, page.offset());
            ids = sorted.subList(from, (int) Math.min(total, from + page.size())).stream().map(SortKey::id).toList();
        } else {
            // On PostgreSQL a text search is a count and a page like any filter: the trigram index
            // serves the count, and the page may walk the name index for a common term. (A window
            // count in the page query made PostgreSQL walk the name index over every CI.)
            total = count(query);
            var pageParams = params;
            if (hasTag(query) && total <= FEW_TAGGED) {
                // A rare tag: sorting its few CIs beats walking the whole list in order, probing
                // each CI for the tag until a page is full (which is what wins for a common tag).
                pageParams = new ArrayList<>();
                pageSql = tagJoinedFrom(query, pageParams) + " ORDER BY " + orderBy(query) + " LIMIT ? OFFSET ?";
            }
            // The page's ids first, then its rows: the order and the offset are worked out in the
            // narrow index (an index-only scan on PostgreSQL) rather than over whole rows, which
            // kept pages deep into the list slow.
            ids = total == 0 ? List.of() : jdbc.sql("SELECT c.id" + pageSql).params(pageParams).param(page.size())
                    .param(page.offset()).query(UUID.class).list();
        }
        if (ids.isEmpty()) {
            return page.toPage(List.of(), total);
        }
        var byId = new HashMap<UUID, ConfigurationItem>();
        findAllById(ids).forEach(item -> byId.put(item.id(), item));
        return page.toPage(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), total);
    }

    /**
     * What a list is sorted by, compared in Java exactly as the SQL orders compare: strings by
     * code unit (H2's default collation) and UUIDs as unsigned numbers (as H2 and PostgreSQL do).
     */
    private record SortKey(UUID id, String nameKey, String ciClass, String status, Instant updatedAt) {

        private static final Comparator<UUID> UNSIGNED = Comparator
                .comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
                .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

        static Comparator<SortKey> order(CiQuery.CiSort sort) {
            Comparator<SortKey> byName = Comparator.comparing(SortKey::nameKey);
            Comparator<SortKey> byClass = Comparator.comparing(SortKey::ciClass);
            return switch (sort) {
                case NAME -> byName.thenComparing(byClass);
                case CLASS -> byClass.thenComparing(byName);
                case STATUS -> Comparator.comparing(SortKey::status).thenComparing(byName).thenComparing(byClass);
                case UPDATED -> Comparator.comparing(SortKey::updatedAt).thenComparing(SortKey::id, UNSIGNED).reversed();
            };
        }
    }

    private long count(CiQuery query) {
        var params = new ArrayList<Object>();
        var from = countFrom(query, params);
        return jdbc.sql("SELECT COUNT(*)" + from).params(params).query(Long.class).single();
    }

    private static boolean hasText(CiQuery query) {
        return query.text() != null && !query.text().isBlank();
    }

    /** Every matching CI in batches, ordered by id, so exports of any size keep memory flat. */
    public void forEachBatch(CiQuery query, Consumer<List<ConfigurationItem>> consumer) {
        var params = new ArrayList<Object>();
        var where = where(query, params);
        UUID after = null;
        while (true) {
            var batchParams = new ArrayList<Object>(params);
            var sql = new StringBuilder("SELECT " + COLUMNS + " FROM ci c" + where);
            if (after != null) {
                sql.append(where.isEmpty() ? " WHERE" : " AND").append(" c.id > ?");
                batchParams.add(after);
            }
            sql.append(" ORDER BY c.id LIMIT ").append(BATCH);
            var rows = jdbc.sql(sql.toString()).params(batchParams).query(this::mapRow).list();
            if (rows.isEmpty()) {
                return;
            }
            consumer.accept(withChildren(rows));
            if (rows.size() < BATCH) {
                return;
            }
            after = rows.getLast().id();
        }
    }

    /** Every attribute name used by matching CIs, for the columns of a CSV export. */
    public SortedSet<String> attributeNames(CiQuery query) {
        var params = new ArrayList<Object>();
        var where = where(query, params);
        var sql = "SELECT c.attributes FROM ci c" + where + (where.isEmpty() ? " WHERE" : " AND")
                + " c.attributes <> '{}'";
        var names = new TreeSet<String>();
        jdbc.sql(sql).params(params).query((rs, n) -> json.readValue(rs.getString(1), ATTRIBUTES).keySet())
                .list().forEach(names::addAll);
        return names;
    }

    /** How many CIs there are of each class, for the list's summary. */
    public Map<CiClass, Long> countByClass() {
        var counts = new LinkedHashMap<CiClass, Long>();
        jdbc.sql("SELECT ci_class, COUNT(*) AS n FROM ci GROUP BY ci_class")
                .query((rs, n) -> Map.entry(CiClass.valueOf(rs.getString("ci_class")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * Every tag in use, for the filter's choices. There are few distinct tags on many rows:
     * H2 answers DISTINCT from the tag index by itself, while PostgreSQL reads every row unless
     * asked to hop from one tag to the next in the index (one probe per distinct tag).
     */
    public List<String> tagsInUse() {
        var sql = switch (engine) {
            case H2 -> "SELECT DISTINCT tag FROM ci_tag ORDER BY tag";
            case POSTGRESQL -> """
                    WITH RECURSIVE tags (tag) AS (
                        SELECT MIN(tag) FROM ci_tag
                        UNION ALL
                        SELECT (SELECT MIN(t.tag) FROM ci_tag t WHERE t.tag > tags.tag) FROM tags WHERE tags.tag IS NOT NULL
                    )
                    SELECT tag FROM tags WHERE tag IS NOT NULL ORDER BY tag""";
        };
        return jdbc.sql(sql).query(String.class).list();
    }

    /** The ids of every CI carrying this tag (tags are stored lower-case). */
    public List<UUID> idsWithTag(String tag) {
        return jdbc.sql("SELECT ci_id FROM ci_tag WHERE tag = ?").param(tag.strip().toLowerCase()).query(UUID.class)
                .list();
    }

    /**
     * Refreshes the planner's statistics for the inventory tables, e.g. after a bulk import. On
     * PostgreSQL, until autovacuum analyses the tables (a minute or more after a large import)
     * the planner works from the empty tables' statistics and picks plans that cost tens of
     * milliseconds per list query. H2 analyses a table by itself when a commit changed many rows.
     */
    public void refreshStatistics() {
        if (engine == DatabaseEngine.POSTGRESQL) {
            jdbc.sql("ANALYZE ci, ci_tag, ci_address, ci_relationship").update();
        }
    }

    public void insertAll(List<ConfigurationItem> items) {
        var sql = "INSERT INTO ci (id, external_id, ci_class, name, name_key, status, environment, criticality,"
                + " owner_team_id, location, description, vendor, model, serial_number, purchase_date, purchase_cost,"
                + " warranty_end, end_of_life, attributes, search_text, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        for (var chunk : chunks(items)) {
            template.batchUpdate(sql, chunk.stream().map(item -> {
                var c = item.content();
                var l = c.lifecycle();
                return new Object[] {item.id(), c.externalId(), c.ciClass().name(), c.name(),
                        c.name().toLowerCase(), c.status().name(), c.environment().name(), c.criticality().name(),
                        c.ownerTeamId(), c.location(), c.description(), l.vendor(), l.model(), l.serialNumber(),
                        l.purchaseDate(), l.purchaseCost(), l.warrantyEnd(), l.endOfLife(),
                        json.writeValueAsString(c.attributes()), c.searchText(), Jdbc.timestamp(item.createdAt()),
                        Jdbc.timestamp(item.updatedAt()), item.version()};
            }).toList());
        }
        insertChildren(items);
    }

    /**
     * Writes new content for CIs read at the given versions. Throws a conflict when any of them was
     * changed by someone else meanwhile; nothing is written then, as the transaction rolls back.
     */
    public void updateAll(List<ConfigurationItem> items) {
        var sql = "UPDATE ci SET external_id = ?, ci_class = ?, name = ?, name_key = ?, status = ?, environment = ?,"
                + " criticality = ?, owner_team_id = ?, location = ?, description = ?, vendor = ?, model = ?,"
                + " serial_number = ?, purchase_date = ?, purchase_cost = ?, warranty_end = ?, end_of_life = ?,"
                + " attributes = ?, search_text = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND version = ?";
        if (items.size() > 1) {
            // Renames among the items (a swap, a chain) would hit the unique keys half-way through the
            // batch: first park every item's keys where no real name (no control characters) can be.
            for (var chunk : chunks(items)) {
                template.batchUpdate("UPDATE ci SET name_key = ?, external_id = NULL WHERE id = ?",
                        chunk.stream().map(item -> new Object[] {"\u0001" + item.id(), item.id()}).toList());
            }
        }
        for (var chunk : chunks(items)) {
            var counts = template.batchUpdate(sql, chunk.stream().map(item -> {
                var c = item.content();
                var l = c.lifecycle();
                return new Object[] {c.externalId(), c.ciClass().name(), c.name(), c.name().toLowerCase(),
                        c.status().name(), c.environment().name(), c.criticality().name(), c.ownerTeamId(),
                        c.location(), c.description(), l.vendor(), l.model(), l.serialNumber(), l.purchaseDate(),
                        l.purchaseCost(), l.warrantyEnd(), l.endOfLife(), json.writeValueAsString(c.attributes()),
                        c.searchText(), Jdbc.timestamp(item.updatedAt()), item.id(), item.version()};
            }).toList());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw ConflictException.onField("version", "%s '%s' was changed by someone else meanwhile;"
                            .formatted(chunk.get(i).content().ciClass().label(), chunk.get(i).content().name())
                            + " reload it and apply your change again");
                }
            }
        }
        deleteChildren(items.stream().map(ConfigurationItem::id).toList());
        insertChildren(items);
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM ci WHERE id = ?").param(id).update() == 1;
    }

    /** Removes a deleted team as owner everywhere; answers how many CIs lost their owner. */
    public int clearOwnerTeam(UUID teamId) {
        return jdbc.sql("UPDATE ci SET owner_team_id = NULL, version = version + 1, updated_at = ? WHERE owner_team_id = ?")
                .params(Jdbc.timestamp(Jdbc.now()), teamId).update();
    }

    private void insertChildren(List<ConfigurationItem> items) {
        var tags = new ArrayList<Object[]>();
        var addresses = new ArrayList<Object[]>();
        for (var item : items) {
            item.content().tags().forEach(t -> tags.add(new Object[] {item.id(), t}));
            item.content().addresses().forEach(a -> addresses.add(new Object[] {item.id(), a, Addresses.key(a)}));
        }
        for (var chunk : chunks(tags)) {
            template.batchUpdate("INSERT INTO ci_tag (ci_id, tag) VALUES (?, ?)", chunk);
        }
        for (var chunk : chunks(addresses)) {
            template.batchUpdate("INSERT INTO ci_address (ci_id, address, address_key) VALUES (?, ?, ?)", chunk);
        }
    }

    private void deleteChildren(List<UUID> ids) {
        for (var chunk : chunks(ids)) {
            var cis = uuids.of(chunk);
            jdbc.sql("DELETE FROM ci_tag WHERE " + uuids.in("ci_id", "ids")).param("ids", cis).update();
            jdbc.sql("DELETE FROM ci_address WHERE " + uuids.in("ci_id", "ids")).param("ids", cis).update();
        }
    }

    /**
     * FROM and WHERE for counting matches. A tag alone is counted in ci_tag's index; with other
     * filters the tag joins ci_tag rather than asking EXISTS per CI: ci_tag's key (ci_id, tag)
     * gives a CI at most one joined row, so the count is the same, but the engines can start
     * from the tag index. On H2, EXISTS probed ci_tag once for every CI.
     */
    private String countFrom(CiQuery q, List<Object> params) {
        var onlyTag = hasTag(q) && !hasText(q) && q.ciClass() == null && q.status() == null
                && q.environment() == null && q.criticality() == null && q.ownerTeamId() == null;
        if (onlyTag) {
            params.add(q.tag().strip().toLowerCase());
            return " FROM ci_tag t WHERE t.tag = ?";
        }
        return tagJoinedFrom(q, params);
    }

    /** FROM and WHERE with the tag filter, if any, as a join of ci_tag. */
    private String tagJoinedFrom(CiQuery q, List<Object> params) {
        if (!hasTag(q)) {
            return " FROM ci c" + where(q, params);
        }
        params.add(q.tag().strip().toLowerCase());
        var untagged = new CiQuery(q.text(), q.ciClass(), q.status(), q.environment(), q.criticality(), q.ownerTeamId(),
                null, q.sort());
        return " FROM ci c JOIN ci_tag t ON t.ci_id = c.id AND t.tag = ?" + where(untagged, params);
    }

    private static boolean hasTag(CiQuery q) {
        return q.tag() != null && !q.tag().isBlank();
    }

    /**
     * The page's order. When the filter fixes the class (and the status), ordering by them first
     * and then by name is the same order as the one asked for; spelt that way, H2 reads the page
     * straight from ci_class_name_uk or ci_class_status_ix instead of sorting every match (it
     * does not see that a column fixed by the filter drops out of the order; PostgreSQL does).
     */
    private static String orderBy(CiQuery q) {
        var sort = q.sort();
        if (q.ciClass() != null && q.status() != null && sort != CiQuery.CiSort.UPDATED) {
            return "c.ci_class, c.status, c.name_key";
        }
        if (q.ciClass() != null && (sort == CiQuery.CiSort.NAME || sort == CiQuery.CiSort.CLASS)) {
            return "c.ci_class, c.name_key";
        }
        return sort.orderBy;
    }

    private String where(CiQuery q, List<Object> params) {
        var sql = new StringBuilder();
        if (hasText(q)) {
            var text = q.text().strip().toLowerCase();
            switch (engine) {
                // LOCATE reads each row's text faster than LIKE on H2, and needs no escaping.
                case H2 -> {
                    sql.append(" AND LOCATE(?, c.search_text) > 0");
                    params.add(text);
                }
                // LIKE is what PostgreSQL's trigram index (V2_1) can answer.
                case POSTGRESQL -> {
                    sql.append(" AND c.search_text LIKE ? ESCAPE '\\'");
                    params.add(Jdbc.likeContains(text));
                }
            }
        }
        if (q.ciClass() != null) {
            sql.append(" AND c.ci_class = ?");
            params.add(q.ciClass().name());
        }
        if (q.status() != null) {
            sql.append(" AND c.status = ?");
            params.add(q.status().name());
        }
        if (q.environment() != null) {
            sql.append(" AND c.environment = ?");
            params.add(q.environment().name());
        }
        if (q.criticality() != null) {
            sql.append(" AND c.criticality = ?");
            params.add(q.criticality().name());
        }
        if (q.ownerTeamId() != null) {
            sql.append(" AND c.owner_team_id = ?");
            params.add(q.ownerTeamId());
        }
        if (q.tag() != null && !q.tag().isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM ci_tag t WHERE t.ci_id = c.id AND t.tag = ?)");
            params.add(q.tag().strip().toLowerCase());
        }
        return sql.isEmpty() ? "" : " WHERE" + sql.substring(4);
    }

    /** A CI row before its tags and addresses are attached. */
    private record Row(UUID id, CiContent content, Instant createdAt, Instant updatedAt,
            long version) {
    }

    private Row mapRow(ResultSet rs, int n) throws SQLException {
        var lifecycle = new Lifecycle(rs.getString("vendor"), rs.getString("model"), rs.getString("serial_number"),
                Jdbc.date(rs, "purchase_date"), rs.getBigDecimal("purchase_cost"), Jdbc.date(rs, "warranty_end"),
                Jdbc.date(rs, "end_of_life"));
        var content = new CiContent(rs.getString("external_id"), CiClass.valueOf(rs.getString("ci_class")),
                rs.getString("name"), CiStatus.valueOf(rs.getString("status")),
                Environment.valueOf(rs.getString("environment")), Criticality.valueOf(rs.getString("criticality")),
                Jdbc.uuid(rs, "owner_team_id"), rs.getString("location"), rs.getString("description"), List.of(),
                List.of(), json.readValue(rs.getString("attributes"), ATTRIBUTES), lifecycle);
        return new Row(Jdbc.uuid(rs, "id"), content, Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    /** Attaches tags and addresses with one query each for the whole list, keeping the list's order. */
    private List<ConfigurationItem> withChildren(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var ids = uuids.of(rows.stream().map(Row::id).toList());
        var tags = children("SELECT ci_id, tag AS v FROM ci_tag WHERE %s ORDER BY tag", ids);
        var addresses = children("SELECT ci_id, address AS v FROM ci_address WHERE %s ORDER BY address", ids);
        return rows.stream().map(r -> {
            var c = r.content();
            var content = new CiContent(c.externalId(), c.ciClass(), c.name(), c.status(), c.environment(),
                    c.criticality(), c.ownerTeamId(), c.location(), c.description(),
                    tags.getOrDefault(r.id(), List.of()), addresses.getOrDefault(r.id(), List.of()), c.attributes(),
                    c.lifecycle());
            return new ConfigurationItem(r.id(), content, r.createdAt(), r.updatedAt(), r.version());
        }).toList();
    }

    /** @param ids the CIs' ids, as {@link ValueList#of} gives them */
    private Map<UUID, List<String>> children(String sql, Object ids) {
        var result = new HashMap<UUID, List<String>>();
        jdbc.sql(sql.formatted(uuids.in("ci_id", "ids"))).param("ids", ids)
                .query((rs, n) -> Map.entry(Jdbc.uuid(rs, "ci_id"), rs.getString("v")))
                .list().forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return result;
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        var chunks = new ArrayList<List<T>>();
        for (int from = 0; from < items.size(); from += BATCH) {
            chunks.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return chunks;
    }
}
