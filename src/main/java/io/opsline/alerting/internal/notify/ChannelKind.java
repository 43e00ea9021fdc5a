package io.opsline.alerting.internal.notify;

/** How a channel carries messages. */
public enum ChannelKind {
    /** E-mail over SMTP. */
    EMAIL,
    /** A signed JSON POST to any HTTP endpoint. */
    WEBHOOK,
    /** A Slack (or Slack-compatible, e.g. Mattermost) incoming webhook. */
    SLACK,
    /** A Microsoft Teams incoming webhook or Workflows URL, as an Adaptive Card. */
    TEAMS
}
