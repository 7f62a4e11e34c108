-- load_upsert: write the new tickets of the load in progress.
-- Parameters: $1 load_id. Input: temp table classified (load_classify.sql).
INSERT INTO tickets
SELECT ticket_id, received_at, channel, caller_id, title, content, urgency, category, item,
       district, street, community, address, lat, lon, department, dispatched_at, returns,
       reassigns, dispatch_chain, replied_at, closed_at, deadline_at, status, resolved,
       satisfaction, rehandled, clue_id, updated_at, extra, row_hash, $1
FROM classified
WHERE action = 'insert';
