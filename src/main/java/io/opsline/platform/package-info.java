/**
 * The small shared kernel every module builds on: error types mapped to problem details,
 * paging, navigation entries for the common layout, JDBC value helpers, and inserts and updates
 * of many rows at once with the PostgreSQL array parameters they bind.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.opsline.platform;
