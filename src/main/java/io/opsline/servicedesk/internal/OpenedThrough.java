package io.opsline.servicedesk.internal;

import io.opsline.platform.Choice;

/** Where an incident came from. */
public enum OpenedThrough implements Choice {

    UI {
        @Override
        public String label() {
            return "Web UI";
        }
    },
    API {
        @Override
        public String label() {
            return "API";
        }
    },
    PORTAL, ALERT {
        @Override
        public String label() {
            return "Alert rule";
        }
    };
}
