/**
 * The small shared kernel every module builds on: error types mapped to problem details,
 * paging, navigation entries for the common layout, and JDBC value helpers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.opsline.platform;
