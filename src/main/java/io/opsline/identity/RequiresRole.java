package io.opsline.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The least role a caller needs for a controller method. Every web endpoint carries one (or is
 * listed as public in the security configuration); the authorization test checks both.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('{value}')")
public @interface RequiresRole {

    Role value();
}
