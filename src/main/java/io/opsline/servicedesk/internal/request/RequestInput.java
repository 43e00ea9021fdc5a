package io.opsline.servicedesk.internal.request;

import java.util.Map;

/**
 * A new request: {@code type} by id or name, the answers by field key. {@code requester} (id or
 * username) is for the desk opening one on someone's behalf; the portal always uses the caller.
 */
public record RequestInput(String type, String requester, Map<String, Object> values) {
}
