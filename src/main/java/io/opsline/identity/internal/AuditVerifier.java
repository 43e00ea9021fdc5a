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
        // The head first, then the records up to it. Records appended meanwhile are committed together with
        // a newer head; reading the head last would mistake them for records the head had lost.
        var head = repository.head();
        long expectedSeq = 1;
        String prevHash = AuditRecord.GENESIS;
        long checked = 0;
        long after = 0;
        while (after < head.lastSeq()) {
            var slice = repository.chainSlice(after, BATCH);
            for (var record : slice) {
                if (record.seq() > head.lastSeq()) {
                    break;
                }
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
        if (head.lastSeq() != expectedSeq - 1) {
            return broken(checked, expectedSeq, "the newest records (%d to %d) were removed"
                    .formatted(expectedSeq, head.lastSeq()));
        }
        if (!head.lastHash().equals(prevHash)) {
            return broken(checked, head.lastSeq(), "record %d does not match the chain head".formatted(head.lastSeq()));
        }
        // A record beyond the head read above is either a newer append, which a head read now covers,
        // or one slipped in without the head.
        var beyond = repository.chainSlice(head.lastSeq(), 1);
        if (!beyond.isEmpty() && repository.head().lastSeq() < beyond.getFirst().seq()) {
            return broken(checked, beyond.getFirst().seq(), "record %d is not part of the chain"
                    .formatted(beyond.getFirst().seq()));
        }
        return new AuditVerification(true, checked, null, null);
    }

    private static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem);
    }
}
