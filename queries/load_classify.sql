-- load_classify: decide the fate of each checked row of the load in progress:
-- insert (new ticket), update (a later version of a stored ticket),
-- unchanged (the stored version is the same or newer) or reject.
-- Input: the temp view checked (load_check.sql) and the tickets table. No parameters.
-- A row with the stored version's update time but other values is rejected
-- as a conflict. Versions of one ticket within the file are settled after,
-- by load_supersede.sql.
CREATE OR REPLACE TEMP TABLE classified AS
WITH hashed AS (
    SELECT c.*,
        hash(ticket_id, received_at, channel, caller_id, title, content, urgency, category, item,
             district, street, community, address, lat, lon, department, dispatched_at, returns,
             reassigns, dispatch_chain, replied_at, closed_at, deadline_at, status, resolved,
             satisfaction, rehandled, clue_id, updated_at, extra) AS row_hash
    FROM checked c
)
SELECT h.*,
    CASE
        WHEN h.bad_field IS NOT NULL THEN 'reject'
        WHEN t.ticket_id IS NULL THEN 'insert'
        WHEN h.updated_at > t.updated_at THEN 'update'
        WHEN h.updated_at = t.updated_at AND h.row_hash <> t.row_hash THEN 'reject'
        ELSE 'unchanged'
    END AS action,
    CASE
        WHEN h.bad_field IS NOT NULL THEN h.bad_field
        WHEN h.updated_at = t.updated_at AND h.row_hash <> t.row_hash THEN 'updated_at'
    END AS reject_field,
    CASE
        WHEN h.bad_field IS NOT NULL THEN h.reason
        WHEN h.updated_at = t.updated_at AND h.row_hash <> t.row_hash
            THEN 'conflicts with the stored version of ticket ' || h.ticket_id || ': same update time, different values'
    END AS reject_reason
FROM hashed h
LEFT JOIN tickets t ON t.ticket_id = h.ticket_id;
