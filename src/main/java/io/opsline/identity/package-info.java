/**
 * Who may do what: users, teams, roles, API tokens, sign-in, and the tamper-evident audit log
 * every other module writes to.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identity",
        allowedDependencies = "platform")
package io.opsline.identity;
