package io.opsline.identity.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;


/**
 * Password sign-in for the UI: refuses attempts while the throttle says so, checks the password
 * against its Argon2 hash, and records sign-ins (and failures) in the audit log.
 */
@Component
class SignInProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwordCheck;
    private final LoginThrottle throttle;
    private final SessionAudit audit;

    SignInProvider(UserRepository users, Passwords passwords, LoginThrottle throttle, SessionAudit audit) {
        this.passwordCheck = new DaoAuthenticationProvider(username -> users.findByUsername(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash())
                        .authorities(u.role().authority()).disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("No such user")));
        this.passwordCheck.setPasswordEncoder(passwords.encoder());
        // The password is checked before the account's state, so only someone who knows the
        // password learns that an account is disabled.
        this.passwordCheck.setPreAuthenticationChecks(user -> {
        });
        this.passwordCheck.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        this.throttle = throttle;
        this.audit = audit;
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
            audit.signedIn(result.getName(), address);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(username, address);
            audit.refused(username, address, "wrong username or password");
            throw e;
        } catch (DisabledException e) {
            audit.refused(username, address, "the account is disabled");
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
