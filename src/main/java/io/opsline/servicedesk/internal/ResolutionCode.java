package io.opsline.servicedesk.internal;

import io.opsline.platform.Choice;

/** How an incident ended, for reports and for the caller. */
public enum ResolutionCode implements Choice {

    SOLVED_PERMANENTLY, SOLVED_WORKAROUND, NOT_REPRODUCIBLE, DUPLICATE, CANCELLED {
        @Override
        public String label() {
            return "Cancelled by caller";
        }
    }
}
