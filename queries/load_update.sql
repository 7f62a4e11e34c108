-- load_update: replace stored tickets with the later versions in the load in progress.
-- Parameters: $1 load_id. Input: temp table classified (load_classify.sql).
UPDATE tickets AS t SET
    received_at = c.received_at, channel = c.channel, caller_id = c.caller_id, title = c.title,
    content = c.content, urgency = c.urgency, category = c.category, item = c.item,
    district = c.district, street = c.street, community = c.community, address = c.address,
    lat = c.lat, lon = c.lon, department = c.department, dispatched_at = c.dispatched_at,
    returns = c.returns, reassigns = c.reassigns, dispatch_chain = c.dispatch_chain,
    replied_at = c.replied_at, closed_at = c.closed_at, deadline_at = c.deadline_at,
    status = c.status, resolved = c.resolved, satisfaction = c.satisfaction,
    rehandled = c.rehandled, clue_id = c.clue_id, updated_at = c.updated_at, extra = c.extra,
    row_hash = c.row_hash, load_id = $1
FROM classified AS c
WHERE c.action = 'update' AND t.ticket_id = c.ticket_id;
