package io.opsline.identity.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.identity.AuditEntry;

/**
 * Records sign-ins, refused sign-ins and sign-outs in the audit log. Each is its own transaction:
 * a refused attempt must be recorded although nothing else about it is stored.
 */
@Component
class SessionAudit implements LogoutHandler {

    private final AuditWriter audit;
    private final TransactionTemplate transactions;

    SessionAudit(AuditWriter audit, PlatformTransactionManager transactionManager) {
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    void signedIn(String username, String address) {
        record(new Actor(username, "ui", null, address), "auth.sign-in", "%s signed in".formatted(username));
    }

    void refused(String attemptedUsername, String address, String reason) {
        record(new Actor("anonymous", "ui", null, address), "auth.sign-in-failed",
                "Failed sign-in as '%s': %s".formatted(abbreviate(attemptedUsername), reason));
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null) {
            record(new Actor(authentication.getName(), "ui", null, request.getRemoteAddr()), "auth.sign-out",
                    "%s signed out".formatted(authentication.getName()));
        }
    }

    private void record(Actor actor, String action, String summary) {
        transactions.executeWithoutResult(status -> audit.append(actor,
                List.of(new AuditEntry(action, "session", null, summary, null, null))));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
