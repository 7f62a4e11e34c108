-- engine_retire_active: mark every active cluster retired before a full
-- run writes its own (those it carries on become active again).
-- Parameters: none.
UPDATE clusters SET status = 'retired' WHERE status = 'active';
