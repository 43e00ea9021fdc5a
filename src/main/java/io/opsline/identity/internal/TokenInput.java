package io.opsline.identity.internal;

/**
 * A request for a new API token.
 *
 * @param role      the token's role; defaults to the creator's and may not exceed it
 * @param expiresAt optional ISO date ({@code 2027-01-31}, end of that day UTC) or instant
 */
public record TokenInput(String name, String role, String expiresAt) {
}
