package io.opsline.identity.internal;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Makes the JDBC session store wait for the database migrations: it starts its expired-session
 * cleanup as soon as it exists, and the session tables come from this module's migration.
 * Registered in {@code META-INF/spring.factories}.
 */
class SessionRepositoryInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(JdbcIndexedSessionRepository.class);
    }
}
