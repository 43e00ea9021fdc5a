package io.opsline.identity.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.platform.InvalidInputException;
import io.opsline.platform.OwnerOnlyFiles;
import io.opsline.platform.PlatformProperties;

/**
 * On the very first start (no users yet) creates the {@code admin} user, and the provisioning
 * token when {@code OPSLINE_BOOTSTRAP_TOKEN} is set. When nodes start together on one database,
 * the unique username lets exactly one of them do it.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final UserRepository users;
    private final UserManagement userManagement;
    private final TokenManagement tokens;
    private final IdentityProperties properties;
    private final Path dataDir;
    private final TransactionTemplate transactions;

    AdminBootstrap(UserRepository users, UserManagement userManagement, TokenManagement tokens,
            IdentityProperties properties, PlatformProperties platform, PlatformTransactionManager transactionManager) {
        this.users = users;
        this.userManagement = userManagement;
        this.tokens = tokens;
        this.properties = properties;
        this.dataDir = platform.dataDir();
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        var bootstrapToken = blankToNull(properties.bootstrapToken());
        if (users.count() > 0) {
            if (bootstrapToken != null) {
                log.info("OPSLINE_BOOTSTRAP_TOKEN is only applied on first start; users exist, so it was ignored");
            }
            return;
        }
        if (bootstrapToken != null && (bootstrapToken.length() < TokenSecrets.MIN_LENGTH
                || bootstrapToken.length() > TokenSecrets.MAX_LENGTH)) {
            throw new IllegalStateException("OPSLINE_BOOTSTRAP_TOKEN must be %d to %d characters long"
                    .formatted(TokenSecrets.MIN_LENGTH, TokenSecrets.MAX_LENGTH));
        }
        var given = blankToNull(properties.adminPassword());
        var password = given != null ? given : randomPassword();
        try {
            transactions.executeWithoutResult(status -> {
                var admin = userManagement.create(new UserInput("admin", "Administrator", null, "admin", true,
                        password, List.of(), null));
                if (bootstrapToken != null) {
                    tokens.createBootstrapToken(admin.id(), bootstrapToken);
                }
            });
        } catch (DuplicateKeyException e) {
            log.info("Another Opsline node created the first admin at the same moment");
            return;
        } catch (InvalidInputException e) {
            throw new IllegalStateException("OPSLINE_ADMIN_PASSWORD is not acceptable: " + e.violations().getFirst()
                    .message(), e);
        }
        if (given == null) {
            var file = OwnerOnlyFiles.write(dataDir.resolve("initial-admin-password"), password);
            log.warn("Created user 'admin' with password {} (also written to {}). Change it after signing in.",
                    password, file.toAbsolutePath().normalize());
        } else {
            log.info("Created user 'admin' with the password from OPSLINE_ADMIN_PASSWORD");
        }
        if (bootstrapToken != null) {
            log.info("Created the bootstrap API token from OPSLINE_BOOTSTRAP_TOKEN");
        }
    }

    private static String randomPassword() {
        var random = new SecureRandom();
        var password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)]);
        }
        return password.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
