-- Groups are routed in the transaction that opens them, so the queue of groups waiting to be routed
-- goes. Groups still in it are open groups without an escalation, which each node routes on starting.
DROP TABLE alert_group_unrouted;
