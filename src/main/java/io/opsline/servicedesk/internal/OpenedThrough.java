package io.opsline.servicedesk.internal;

import io.opsline.platform.Choice;

/** Where an incident came from. */
public enum OpenedThrough implements Choice {

    UI, API, PORTAL, ALERT {
        @Override
        public String label() {
            return "Alert rule";
        }
    };
}
