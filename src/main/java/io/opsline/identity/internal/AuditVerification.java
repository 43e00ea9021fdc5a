package io.opsline.identity.internal;

/**
 * The outcome of re-checking the whole audit chain.
 *
 * @param intact       true when every record and the chain head agree
 * @param checked      how many records were read
 * @param firstBadSeq  the first record found changed, missing or out of place; null when intact
 * @param problem      what is wrong there, in words; null when intact
 */
public record AuditVerification(boolean intact, long checked, Long firstBadSeq, String problem) {
}
