package io.opsline.alerting.internal.correlate;

import java.util.List;

/** A group with its members, the root cause first, then by when they were first seen. */
public record AlertGroupView(AlertGroup group, List<GroupMember> members) {
}
