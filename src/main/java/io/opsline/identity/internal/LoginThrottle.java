package io.opsline.identity.internal;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.platform.Jdbc;

/**
 * Counts failed sign-ins in the database, so the limit holds across restarts and across every
 * Opsline node sharing the database. Two counters apply: one per user and address (an attacker
 * cannot lock a user out from elsewhere), one per address (one address cannot spray many users).
 */
@Component
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final IdentityProperties.LoginThrottling settings;

    LoginThrottle(JdbcClient jdbc, PlatformTransactionManager transactionManager, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = properties.login();
    }

    /** How long the caller must still wait, or {@link Duration#ZERO} when a sign-in may be tried. */
    public Duration remainingBlock(String username, String address) {
        var now = Jdbc.now();
        var until = jdbc.sql("SELECT MAX(blocked_until) AS latest_block FROM login_throttle WHERE throttle_key IN (?, ?)")
                .params(userKey(username, address), addressKey(address))
                .query((rs, n) -> Jdbc.instant(rs, "latest_block")).optional().orElse(null);
        return until == null || !until.isAfter(now) ? Duration.ZERO : Duration.between(now, until);
    }

    public void failed(String username, String address) {
        transactions.executeWithoutResult(status -> {
            count(userKey(username, address), settings.maxFailures());
            count(addressKey(address), settings.maxFailuresPerAddress());
        });
    }

    public void succeeded(String username, String address) {
        transactions.executeWithoutResult(status -> jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = ?")
                .param(userKey(username, address)).update());
    }

    private void count(String key, int limit) {
        var now = Jdbc.now();
        // A failure long after the last one starts a fresh count, so occasional typos never add up to a block.
        var staleBefore = now.minus(settings.longestBlock());
        int updated = jdbc.sql("""
                UPDATE login_throttle
                SET failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END, last_failure_at = ?
                WHERE throttle_key = ?""")
                .params(Jdbc.timestamp(staleBefore), Jdbc.timestamp(now), key).update();
        if (updated == 0) {
            // ON CONFLICT rather than catching a duplicate key: on PostgreSQL a failed insert would
            // abort the transaction. When another request inserted first, count ours on top.
            int inserted = jdbc.sql("INSERT INTO login_throttle (throttle_key, failures, last_failure_at)"
                    + " VALUES (?, 1, ?) ON CONFLICT DO NOTHING").params(key, Jdbc.timestamp(now)).update();
            if (inserted == 0) {
                jdbc.sql("UPDATE login_throttle SET failures = failures + 1, last_failure_at = ? WHERE throttle_key = ?")
                        .params(Jdbc.timestamp(now), key).update();
            }
        }
        int failures = jdbc.sql("SELECT failures FROM login_throttle WHERE throttle_key = ?").param(key)
                .query(Integer.class).single();
        if (failures >= limit) {
            jdbc.sql("UPDATE login_throttle SET blocked_until = ? WHERE throttle_key = ?")
                    .params(Jdbc.timestamp(now.plus(blockFor(failures - limit))), key).update();
        }
    }

    private Duration blockFor(int failuresOverLimit) {
        var block = settings.firstBlock().multipliedBy(1L << Math.min(failuresOverLimit, 20));
        return block.compareTo(settings.longestBlock()) > 0 ? settings.longestBlock() : block;
    }

    private static String userKey(String username, String address) {
        var user = username == null ? "" : username.trim().toLowerCase();
        return "user:" + truncate(user) + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
