package io.opsline.servicedesk.internal.review;

import java.util.EnumSet;
import java.util.Set;

import io.opsline.platform.Choice;

/** Where a post-incident review is: written, read by the people involved, then published for good. */
public enum ReviewState implements Choice {

    DRAFT, IN_REVIEW, PUBLISHED;

    /** The states this one may move to; a review sent back from review is a draft again. */
    public Set<ReviewState> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(IN_REVIEW);
            case IN_REVIEW -> EnumSet.of(DRAFT, PUBLISHED);
            case PUBLISHED -> EnumSet.noneOf(ReviewState.class);
        };
    }

    public boolean canMoveTo(ReviewState target) {
        return next().contains(target);
    }
}
