package io.opsline.alerting.internal.suppress;

/**
 * A matcher as a client sends it and as it is stored: a label name, an operator ({@code =},
 * {@code !=}, {@code =~}, {@code !~}) and a value (a Java regular expression for the last two).
 */
public record MatcherInput(String name, String operator, String value) {
}
