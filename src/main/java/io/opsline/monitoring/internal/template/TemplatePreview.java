package io.opsline.monitoring.internal.template;

import java.util.UUID;

import io.opsline.inventory.CiStatus;
import io.opsline.platform.Page;

/**
 * What applying a check template now would do, worked out exactly as applying it does but
 * without writing: how many CIs match, how many checks would be created, brought in line or
 * removed, and a page of the matching CIs with what each would get.
 */
public record TemplatePreview(UUID templateId, long matching, int wouldCreate, int wouldUpdate, int wouldRemove,
        int wouldSkip, Page<MatchingCi> cis) {

    /**
     * A CI the template matches.
     *
     * @param outcome {@code create}, {@code update}, {@code keep} (its check is in line already) or
     *        {@code skip} (see {@code reason})
     */
    public record MatchingCi(UUID id, String name, CiStatus status, String outcome, String reason) {
    }
}
