package io.opsline.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two doors. {@code /api/**} takes bearer API tokens only: stateless, no cookies, so no CSRF.
 * Everything else is the UI: form sign-in, a session stored in the database (any node can
 * serve any request), CSRF on every form. Which role an endpoint needs is declared on the
 * endpoint itself with {@link io.opsline.identity.RequiresRole}.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    /** Addresses anyone may reach without signing in. */
    static final String[] PUBLIC_PATHS = {"/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.svg",
            "/error", "/actuator/health", "/actuator/health/**", "/calendar/oncall/*",
            "/ack/*"};
    static final String[] PUBLIC_API_PATHS = {"/api/openapi", "/api/openapi.yaml"};

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMIN > ROLE_OPERATOR
                ROLE_OPERATOR > ROLE_VIEWER
                ROLE_VIEWER > ROLE_REQUESTER""");
    }

    /** Lets {@code @RequiresRole(Role.X)} expand to {@code hasRole('X')}. */
    @Bean
    static AnnotationTemplateExpressionDefaults templateDefaults() {
        return new AnnotationTemplateExpressionDefaults();
    }

    @Bean
    ProblemAuthenticationEntryPoint problemEntryPoint(JsonMapper json) {
        return new ProblemAuthenticationEntryPoint(json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, TokenManagement tokens, ProblemAuthenticationEntryPoint problems)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_API_PATHS).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, SignInProvider signIn, SessionAudit sessionAudit) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                // A manager of its own, without the global one as parent: SignInProvider is also a bean, so
                // the global manager holds it too and, as a parent, would run every failed attempt twice.
                .authenticationManager(new ProviderManager(signIn))
                .formLogin(form -> form.loginPage("/login").failureUrl("/login?error").defaultSuccessUrl("/", false))
                .logout(logout -> logout.addLogoutHandler(sessionAudit).logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new HtmxAwareEntryPoint()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Sends people to the sign-in page; for htmx requests (a session that expired while a page
     * was open) asks htmx to load the sign-in page as a whole page instead of into a fragment.
     */
    static final class HtmxAwareEntryPoint implements AuthenticationEntryPoint {

        private final AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException, jakarta.servlet.ServletException {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            login.commence(request, response, e);
        }
    }
}
