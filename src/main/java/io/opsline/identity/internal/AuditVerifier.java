package io.opsline.identity.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the audit chain from the first record and reports the first place where a record's
 * content, its link to the previous record, its sequence number or the chain head disagree.
 */
@Component
public class AuditVerifier {

    private static final int BATCH = 2000;

    private final AuditRepository repository;

    AuditVerifier(AuditRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public AuditVerification verify() {
        long expectedSeq = 1;
        String prevHash = AuditRecord.GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            var slice = repository.chainSlice(after, BATCH);
            for (var record : slice) {
                checked++;
                if (record.seq() != expectedSeq) {
                    return broken(checked, expectedSeq, "record %d is missing".formatted(expectedSeq));
                }
                if (!record.prevHash().equals(prevHash)) {
                    return broken(checked, record.seq(), "record does not link to the record before it");
                }
                if (!record.computeHash().equals(record.hash())) {
                    return broken(checked, record.seq(), "record content was changed after it was written");
                }
                prevHash = record.hash();
                expectedSeq++;
            }
            if (slice.size() < BATCH) {
                break;
            }
            after = slice.getLast().seq();
        }
        var head = repository.head();
        if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(prevHash)) {
            return broken(checked, head.lastSeq(), "the newest records (up to %d) were removed".formatted(head.lastSeq()));
        }
        return new AuditVerification(true, checked, null, null);
    }

    private static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem);
    }
}
