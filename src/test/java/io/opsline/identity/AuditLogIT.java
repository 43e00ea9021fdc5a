package io.opsline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.identity.internal.AuditRecord;
import io.opsline.identity.internal.AuditRepository;
import io.opsline.identity.internal.AuditVerifier;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: what changes write to it, how it is searched and exported, and that the hash
 * chain exposes tampering. Tampering tests restore the exact rows they touched, because every
 * test in the context shares the one chain.
 */
@OpslineIntegrationTest
class AuditLogIT {

    static final List<String> CSV_HEADER = List.of("seq", "occurred_at", "actor", "channel", "credential",
            "remote_address", "action", "entity_type", "entity_id", "summary", "before", "after", "prev_hash", "hash");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditRepository repository;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditLog auditLog;
    @Autowired
    TransactionTemplate transactions;

    ApiCalls api;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
    }

    @Test
    void recordsUserChangesWithWhoHowAndSnapshotsButNeverPasswords() {
        var admin = accounts.admin();
        var username = ApiCalls.unique("audited");
        var password = "first-secret-password";
        var created = api.post(admin.token(), "/api/v1/users",
                Map.of("username", username, "role", "viewer", "password", password));
        assertThat(created).hasStatus(201);
        var id = api.body(created).get("id").asString();
        assertThat(api.put(admin.token(), "/api/v1/users/" + id, Map.of("displayName", "Audited Person", "version", 0)))
                .hasStatusOk();
        assertThat(api.post(admin.token(), "/api/v1/users/" + id + "/password",
                Map.of("password", "second-secret-password"))).hasStatus(204);
        assertThat(api.delete(admin.token(), "/api/v1/users/" + id)).hasStatus(204);

        var result = api.get(admin.token(), "/api/v1/audit?entityType=user&entityId=" + id);

        assertThat(result).hasStatusOk();
        assertThat(result).bodyText().doesNotContain(password).doesNotContain("second-secret-password")
                .doesNotContainIgnoringCase("argon2").doesNotContain("passwordHash");
        var items = items(result);
        assertThat(items).extracting(r -> r.get("action").asString())
                .containsExactly("user.delete", "user.password-reset", "user.update", "user.create");
        assertThat(items).allSatisfy(r -> assertMadeThroughTheApiBy(admin, r));
        var create = items.get(3);
        assertThat(create.get("before").isNull()).isTrue();
        var snapshot = json.readTree(create.get("after").asString());
        assertThat(snapshot.get("username").asString()).isEqualTo(username);
        assertThat(snapshot.get("role").asString()).isEqualTo("viewer");
        var update = items.get(2);
        assertThat(json.readTree(update.get("before").asString()).get("displayName").asString()).isEqualTo(username);
        assertThat(json.readTree(update.get("after").asString()).get("displayName").asString())
                .isEqualTo("Audited Person");
        var delete = items.get(0);
        assertThat(json.readTree(delete.get("before").asString()).get("username").asString()).isEqualTo(username);
        assertThat(delete.get("after").isNull()).isTrue();
    }

    @Test
    void recordsTeamChanges() {
        var admin = accounts.admin();
        var name = ApiCalls.unique("audit-team");
        var created = api.post(admin.token(), "/api/v1/teams", Map.of("name", name));
        assertThat(created).hasStatus(201);
        var id = api.body(created).get("id").asString();
        assertThat(api.put(admin.token(), "/api/v1/teams/" + id, Map.of("name", name + "-renamed", "version", 0)))
                .hasStatusOk();
        assertThat(api.delete(admin.token(), "/api/v1/teams/" + id)).hasStatus(204);

        var items = items(api.get(admin.token(), "/api/v1/audit?entityType=team&entityId=" + id));

        assertThat(items).extracting(r -> r.get("action").asString())
                .containsExactly("team.delete", "team.update", "team.create");
        assertThat(items).allSatisfy(r -> assertMadeThroughTheApiBy(admin, r));
        assertThat(items.get(2).get("before").isNull()).isTrue();
        assertThat(json.readTree(items.get(2).get("after").asString()).get("name").asString()).isEqualTo(name);
        assertThat(json.readTree(items.get(1).get("before").asString()).get("name").asString()).isEqualTo(name);
        assertThat(json.readTree(items.get(1).get("after").asString()).get("name").asString())
                .isEqualTo(name + "-renamed");
        assertThat(items.get(0).get("after").isNull()).isTrue();
    }

    @Test
    void recordsInventoryChangesByOperators() {
        var operator = accounts.operator();
        var name = ApiCalls.unique("audit-ci");
        var created = api.post(operator.token(), "/api/v1/cis", Map.of("class", "server", "name", name));
        assertThat(created).hasStatus(201);
        var id = api.body(created).get("id").asString();
        assertThat(api.put(operator.token(), "/api/v1/cis/" + id,
                Map.of("class", "server", "name", name, "status", "maintenance", "version", 0))).hasStatusOk();
        assertThat(api.delete(operator.token(), "/api/v1/cis/" + id)).hasStatus(204);

        var items = items(api.get(accounts.admin().token(), "/api/v1/audit?entityType=ci&entityId=" + id));

        assertThat(items).extracting(r -> r.get("action").asString())
                .containsExactly("ci.delete", "ci.update", "ci.create");
        assertThat(items).allSatisfy(r -> assertMadeThroughTheApiBy(operator, r));
        assertThat(items.get(2).get("before").isNull()).isTrue();
        assertThat(json.readTree(items.get(1).get("before").asString()).get("status").asString()).isEqualTo("active");
        assertThat(json.readTree(items.get(1).get("after").asString()).get("status").asString())
                .isEqualTo("maintenance");
        assertThat(json.readTree(items.get(0).get("before").asString()).get("name").asString()).isEqualTo(name);
        assertThat(items.get(0).get("after").isNull()).isTrue();
    }

    @Test
    void recordsChangesMadeInThePagesAsTheSignedInUser() {
        var admin = accounts.fresh(Role.ADMIN);
        var browser = new Browser(mvc);
        assertThat(browser.signIn(admin.username(), admin.password())).hasRedirectedUrl("/");
        var name = ApiCalls.unique("ui-team");

        var created = browser.exchange(mvc.post().uri("/admin/teams").with(csrf()).param("name", name));

        assertThat(created).hasStatus3xxRedirection();
        var record = search("/api/v1/audit?action=team.create&text=" + name).getFirst();
        assertThat(record.get("actor").asString()).isEqualTo(admin.username());
        assertThat(record.get("channel").asString()).isEqualTo("ui");
        assertThat(record.get("credential").isNull()).isTrue();
        assertThat(record.get("remoteAddress").asString()).isEqualTo(browser.address());
        assertThat(created.getResponse().getRedirectedUrl()).endsWith("/admin/teams/" + record.get("entityId").asString());
    }

    @Test
    void filtersByActorActionEntityTextAndDay() {
        var actor = accounts.fresh(Role.ADMIN);
        var marker = ApiCalls.unique("mark");
        var team = api.body(api.post(actor.token(), "/api/v1/teams", Map.of("name", marker + "-team")));
        var teamId = team.get("id").asString();
        var user = api.body(api.post(actor.token(), "/api/v1/users",
                Map.of("username", marker + "-user", "role", "viewer", "password", "a-long-password")));
        var by = "/api/v1/audit?actor=" + actor.username().toUpperCase();

        // fresh() issued the actor's first token while signed in as them: that is theirs too.
        assertThat(actions(search(by))).containsExactly("user.create", "team.create", "token.create");
        assertThat(search(by)).allSatisfy(r -> assertThat(r.get("actor").asString()).isEqualTo(actor.username()));
        assertThat(actions(search(by + "&action=team."))).containsExactly("team.create");
        assertThat(actions(search(by + "&action=user.create"))).containsExactly("user.create");
        assertThat(actions(search(by + "&action=team.create_"))).isEmpty();
        assertThat(actions(search(by + "&entityType=user"))).containsExactly("user.create");
        assertThat(search("/api/v1/audit?entityId=" + user.get("id").asString()))
                .extracting(r -> r.get("action").asString()).containsExactly("user.create");
        assertThat(actions(search("/api/v1/audit?text=" + marker.toUpperCase())))
                .containsExactly("user.create", "team.create");

        var teamRecord = search("/api/v1/audit?entityId=" + teamId).getFirst();
        var day = Instant.parse(teamRecord.get("occurredAt").asString()).atZone(ZoneOffset.UTC).toLocalDate();
        var byTeam = "/api/v1/audit?entityId=" + teamId;
        assertThat(search(byTeam + "&from=" + day + "&to=" + day)).hasSize(1);
        assertThat(search(byTeam + "&from=" + day.minusDays(7))).hasSize(1);
        assertThat(search(byTeam + "&to=" + day.minusDays(1))).isEmpty();
        assertThat(search(byTeam + "&from=" + day.plusDays(1))).isEmpty();

        var badDate = api.get(accounts.admin().token(), "/api/v1/audit?from=31.01.2026");
        assertThat(badDate).hasStatus(422);
        assertThat(api.fields(badDate)).containsExactly("from");
    }

    @Test
    void pagesNewestFirst() {
        var actor = accounts.fresh(Role.ADMIN);
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(actor.token(), "/api/v1/teams", Map.of("name", ApiCalls.unique("paged")))).hasStatus(201);
        }
        var by = "/api/v1/audit?actor=" + actor.username();
        var all = search(by).stream().map(r -> r.get("seq").asLong()).toList();
        assertThat(all).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        var seen = new ArrayList<Long>();
        for (int page = 0; page < 3; page++) {
            var answer = api.body(api.get(accounts.admin().token(), by + "&size=2&page=" + page));
            assertThat(answer.get("total").asLong()).isEqualTo(5);
            assertThat(answer.get("size").asInt()).isEqualTo(2);
            answer.get("items").valueStream().forEach(r -> seen.add(r.get("seq").asLong()));
        }
        assertThat(seen).isEqualTo(all);
        assertThat(items(api.get(accounts.admin().token(), by + "&size=2&page=3"))).isEmpty();
        var tooBig = api.get(accounts.admin().token(), by + "&size=100000");
        assertThat(tooBig).hasStatus(422);
        assertThat(api.fields(tooBig)).containsExactly("size");
    }

    @Test
    void verifiesAnUntouchedChainAsIntact() {
        var verification = verify();
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(recordCount()).isPositive();
        assertThat(verification.get("firstBadSeq").isNull()).isTrue();
        assertThat(verification.get("problem").isNull()).isTrue();
    }

    @Test
    void staysIntactWhileOthersKeepWriting() throws InterruptedException {
        var writing = new AtomicBoolean(true);
        var written = new AtomicInteger();
        var writer = Thread.ofPlatform().name("audit-writer").start(() -> {
            while (writing.get()) {
                transactions.executeWithoutResult(status -> auditLog.record(
                        new AuditEntry("test.concurrent-write", "test", null, "written while verifying", null, null)));
                written.incrementAndGet();
            }
        });
        try {
            // Enough rounds, and enough writes landing during them, that a check which mistakes a
            // record committed mid-check for a removed one cannot get lucky every time.
            for (int round = 0; round < 20 || written.get() < 300 && round < 500; round++) {
                var verification = verifier.verify();
                assertThat(verification.intact()).as("round %d: %s", round, verification).isTrue();
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void detectsARecordWhoseContentWasChanged() {
        var seq = newRecords(1).getFirst();
        var original = stored(seq);
        try {
            jdbc.sql("UPDATE audit_record SET after_state = REPLACE(after_state, '\"viewer\"', '\"admin\"') WHERE seq = ?")
                    .param(seq).update();
            assertThat(stored(seq).after()).isNotEqualTo(original.after());

            var verification = verify();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("problem").asString()).contains("changed");
        } finally {
            restore(List.of(original));
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void detectsARecordRemovedFromTheMiddle() {
        var seqs = newRecords(3);
        var middle = stored(seqs.get(1));
        try {
            jdbc.sql("DELETE FROM audit_record WHERE seq = ?").param(middle.seq()).update();

            var verification = verify();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(middle.seq());
            assertThat(verification.get("problem").asString()).contains("missing");
        } finally {
            restore(List.of(middle));
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void detectsRemovedNewestRecordsThroughTheChainHead() {
        var seqs = newRecords(2);
        assertThat(headSeq()).isEqualTo(seqs.getLast());
        var tail = seqs.stream().map(this::stored).toList();
        try {
            jdbc.sql("DELETE FROM audit_record WHERE seq >= ?").param(seqs.getFirst()).update();

            var verification = verify();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(seqs.getFirst());
            assertThat(verification.get("problem").asString()).contains("newest records");
        } finally {
            restore(tail);
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void detectsARewrittenRecordThroughItsSuccessorsLink() {
        var seqs = newRecords(2);
        var original = stored(seqs.getFirst());
        try {
            rewriteWithFreshHash(original);

            var verification = verify();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(seqs.get(1));
            assertThat(verification.get("problem").asString()).contains("does not link");
        } finally {
            restore(List.of(original));
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void detectsARewrittenNewestRecordThroughTheChainHead() {
        var seq = newRecords(1).getFirst();
        assertThat(headSeq()).isEqualTo(seq);
        var original = stored(seq);
        try {
            rewriteWithFreshHash(original);

            var verification = verify();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("problem").asString()).contains("chain head");
        } finally {
            restore(List.of(original));
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void detectsARecordSlippedInBeyondTheChainHead() {
        var last = stored(newRecords(1).getFirst());
        var forged = new AuditRecord(last.seq() + 1, last.occurredAt(), "admin", "ui", null, null, "user.delete",
                "user", "nobody", "Deleted user nobody", null, null, last.hash(), null).withHash();
        try {
            restore(List.of(forged));

            var verification = verify();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBadSeq").asLong()).isEqualTo(forged.seq());
            assertThat(verification.get("problem").asString()).contains("not part of the chain");
        } finally {
            jdbc.sql("DELETE FROM audit_record WHERE seq = ?").param(forged.seq()).update();
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void exportsCsvWithAHeaderAndTheRecords() {
        var seqs = newRecords(2);
        var entityId = stored(seqs.getFirst()).entityId();

        var export = api.get(accounts.admin().token(), "/api/v1/audit/export?entityId=" + entityId);

        assertThat(export).hasStatusOk();
        assertThat(export.getResponse().getContentType()).startsWith("text/csv");
        assertThat(export.getResponse().getHeader("Content-Disposition")).contains("attachment");
        var rows = csv(export);
        assertThat(rows.getFirst().values()).containsExactlyElementsOf(CSV_HEADER);
        var records = rows.subList(1, rows.size());
        assertThat(records).extracting(r -> Long.parseLong(r.get(0))).containsExactly(seqs.get(1), seqs.get(0));
        var newest = stored(seqs.get(1));
        assertThat(records.getFirst().values()).containsExactly(Long.toString(newest.seq()),
                newest.occurredAt().toString(), newest.actor(), newest.channel(), newest.credential(),
                newest.remoteAddress(), newest.action(), newest.entityType(), newest.entityId(), newest.summary(),
                newest.before(), newest.after(), newest.prevHash(), newest.hash());
    }

    @Test
    void exportsEveryMatchingRecordEvenBeyondOneReadBatch() {
        var entityType = "bulk" + ApiCalls.unique("").substring(1, 9);
        int count = 1_001;
        transactions.executeWithoutResult(status -> auditLog.recordAll(IntStream.range(0, count)
                .mapToObj(i -> new AuditEntry("bulk.write", entityType, Integer.toString(i), "bulk " + i, null, null))
                .toList()));

        var rows = csv(api.get(accounts.admin().token(), "/api/v1/audit/export?entityType=" + entityType));

        var ids = rows.subList(1, rows.size()).stream().map(r -> r.get(8)).toList();
        assertThat(ids).hasSize(count).doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isEqualTo(Integer.toString(count - 1));
        assertThat(ids.getLast()).isEqualTo("0");
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    void exportsCsvFromTheAdminPagesToASignedInAdmin() {
        var admin = accounts.fresh(Role.ADMIN);
        var browser = new Browser(mvc);
        assertThat(browser.signIn(admin.username(), admin.password())).hasRedirectedUrl("/");

        var export = browser.get("/admin/audit.csv?actor=" + admin.username());

        assertThat(export).hasStatusOk();
        assertThat(export.getResponse().getContentType()).startsWith("text/csv");
        var rows = csv(export);
        assertThat(rows.getFirst().values()).containsExactlyElementsOf(CSV_HEADER);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(6))
                .containsExactly("auth.sign-in", "token.create");
    }

    @Test
    void onlyAdminsMayReadTheAuditLog() {
        for (var account : List.of(accounts.viewer(), accounts.operator())) {
            for (var uri : List.of("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export")) {
                var refused = api.get(account.token(), uri);
                assertThat(refused).as("%s %s", account.role(), uri).hasStatus(403)
                        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        var viewer = accounts.fresh(Role.VIEWER);
        var browser = new Browser(mvc);
        assertThat(browser.signIn(viewer.username(), viewer.password())).hasRedirectedUrl("/");
        assertThat(browser.get("/admin/audit.csv")).hasStatus(403);
        assertThat(browser.get("/admin/audit")).hasStatus(403);
    }

    /** Writes {@code n} fresh records (a new user's creation, then updates), oldest first, and returns their seqs. */
    List<Long> newRecords(int n) {
        var admin = accounts.admin();
        var name = ApiCalls.unique("chain");
        var created = api.post(admin.token(), "/api/v1/users", Map.of("username", name, "role", "viewer",
                "password", "a-long-password"));
        assertThat(created).hasStatus(201);
        var id = api.body(created).get("id").asString();
        for (int version = 0; version < n - 1; version++) {
            assertThat(api.put(admin.token(), "/api/v1/users/" + id,
                    Map.of("displayName", "v" + version, "version", version))).hasStatusOk();
        }
        var seqs = new ArrayList<>(search("/api/v1/audit?entityId=" + id).stream().map(r -> r.get("seq").asLong())
                .toList());
        assertThat(seqs).hasSize(n);
        return seqs.reversed();
    }

    AuditRecord stored(long seq) {
        var slice = repository.chainSlice(seq - 1, 1);
        assertThat(slice).singleElement().extracting(AuditRecord::seq).isEqualTo(seq);
        return slice.getFirst();
    }

    /** Puts records back exactly as they were, whatever was done to them. */
    void restore(List<AuditRecord> records) {
        for (var r : records) {
            jdbc.sql("DELETE FROM audit_record WHERE seq = ?").param(r.seq()).update();
            jdbc.sql("""
                    INSERT INTO audit_record (seq, occurred_at, actor, channel, credential, remote_address, action,
                        entity_type, entity_id, summary, before_state, after_state, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.seq(), Jdbc.timestamp(r.occurredAt()), r.actor(), r.channel(), r.credential(),
                            r.remoteAddress(), r.action(), r.entityType(), r.entityId(), r.summary(), r.before(),
                            r.after(), r.prevHash(), r.hash())
                    .update();
        }
    }

    /** Changes a record's summary and stores a hash that fits the new content, as a careful forger would. */
    void rewriteWithFreshHash(AuditRecord original) {
        var forged = new AuditRecord(original.seq(), original.occurredAt(), original.actor(), original.channel(),
                original.credential(), original.remoteAddress(), original.action(), original.entityType(),
                original.entityId(), "nothing to see here", original.before(), original.after(), original.prevHash(),
                null).withHash();
        jdbc.sql("UPDATE audit_record SET summary = ?, hash = ? WHERE seq = ?")
                .params(forged.summary(), forged.hash(), forged.seq()).update();
    }

    JsonNode verify() {
        var result = api.get(accounts.admin().token(), "/api/v1/audit/verify");
        assertThat(result).hasStatusOk();
        return api.body(result);
    }

    long recordCount() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_record").query(Long.class).single();
    }

    long headSeq() {
        return jdbc.sql("SELECT last_seq FROM audit_chain WHERE id = 1").query(Long.class).single();
    }

    List<JsonNode> search(String uri) {
        var result = api.get(accounts.admin().token(), uri);
        assertThat(result).hasStatusOk();
        return items(result);
    }

    List<JsonNode> items(MvcTestResult result) {
        return api.body(result).get("items").valueStream().toList();
    }

    static List<String> actions(List<JsonNode> records) {
        return records.stream().map(r -> r.get("action").asString()).toList();
    }

    static void assertMadeThroughTheApiBy(Account account, JsonNode record) {
        assertThat(record.get("actor").asString()).isEqualTo(account.username());
        assertThat(record.get("channel").asString()).isEqualTo("api");
        assertThat(record.get("credential").asString())
                .isEqualTo("token 'test' (" + account.token().substring(0, 10) + "…)");
        assertThat(record.get("remoteAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(record.get("hash").asString()).hasSize(64);
    }

    static List<CSVRecord> csv(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        try {
            var text = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
