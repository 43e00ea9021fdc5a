package io.opsline.servicedesk.internal.request;

import io.opsline.platform.Choice;

/** What a request type's field holds, and so how its value is checked and shown. */
public enum FieldKind implements Choice {

    TEXT, NUMBER, CHOICE, DATE, BOOLEAN {
        @Override
        public String label() {
            return "Yes or no";
        }
    }
}
