package io.opsline.identity.internal;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.identity.AuditEntry;

/**
 * Password sign-in for the UI: refuses attempts while the throttle says so, checks the password
 * against its Argon2 hash, and records sign-ins (and failures) in the audit log.
 */
@Component
class SignInProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwordCheck;
    private final LoginThrottle throttle;
    private final AuditWriter audit;
    private final TransactionTemplate transactions;

    SignInProvider(UserRepository users, Passwords passwords, LoginThrottle throttle, AuditWriter audit,
            PlatformTransactionManager transactionManager) {
        this.passwordCheck = new DaoAuthenticationProvider(username -> users.findByUsername(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash())
                        .authorities(u.role().authority()).disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("No such user")));
        this.passwordCheck.setPasswordEncoder(passwords.encoder());
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        var username = attempt.getName();
        var address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        var wait = throttle.remainingBlock(username, address);
        if (!wait.isZero()) {
            throw new SignInThrottledException(wait);
        }
        try {
            var result = passwordCheck.authenticate(attempt);
            throttle.succeeded(username, address);
            record(new Actor(result.getName(), "ui", null, address), "auth.sign-in",
                    "%s signed in".formatted(result.getName()));
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(username, address);
            record(new Actor("anonymous", "ui", null, address), "auth.sign-in-failed",
                    "Failed sign-in as '%s'".formatted(abbreviate(username)));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void record(Actor actor, String action, String summary) {
        transactions.executeWithoutResult(status -> audit.append(actor,
                List.of(new AuditEntry(action, "session", null, summary, null, null))));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
