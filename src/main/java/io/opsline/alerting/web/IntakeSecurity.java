package io.opsline.alerting.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The intake's door, ahead of the API's: senders present an integration key (a bearer header, or
 * PagerDuty's routing_key in the body), which the intake checks itself, so no API token, session
 * or CSRF token is asked for here.
 */
@Configuration(proxyBeanMethods = false)
class IntakeSecurity {

    static final String PATHS = "/api/v1/intake/**";

    @Bean
    @Order(0)
    SecurityFilterChain intake(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }
}
