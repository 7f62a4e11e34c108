-- load_classify: decide the fate of each checked row of the load in progress:
-- insert (new ticket), update (a later version of a stored ticket),
-- unchanged (the stored version is the same or newer) or reject.
-- Input: the temp view checked (load_check.sql) and the tickets table. No parameters.
-- A row with the stored version's update time but other values is rejected
-- as a conflict, unless only its extra columns differ (an export's own
-- counters, such as likes, change without a new update time): then it
-- updates. Versions of one ticket within the file are settled after, by
-- load_supersede.sql.
CREATE OR REPLACE TEMP TABLE classified AS
WITH hashed AS (
    SELECT c.*,
        hash(ticket_id, received_at, channel, caller_id, title, content, urgency, category, item,
             district, street, community, address, lat, lon, department, dispatched_at, returns,
             reassigns, dispatch_chain, replied_at, closed_at, deadline_at, status, resolved,
             satisfaction, rehandled, clue_id, updated_at, extra) AS row_hash
    FROM checked c
), judged AS (
    SELECT h.*,
        t.ticket_id IS NULL AS is_new,
        h.updated_at > t.updated_at AS is_later,
        h.updated_at = t.updated_at AND h.row_hash <> t.row_hash AS differs,
        -- the stored row's hash with this row's fields and the stored extra
        -- (only for a stored ticket: DuckDB evaluates a CASE branch only
        -- for the rows that take it, and a new file's rows are mostly new)
        CASE WHEN t.ticket_id IS NOT NULL THEN hash(h.ticket_id, h.received_at, h.channel, h.caller_id, h.title, h.content, h.urgency,
             h.category, h.item, h.district, h.street, h.community, h.address, h.lat, h.lon,
             h.department, h.dispatched_at, h.returns, h.reassigns, h.dispatch_chain, h.replied_at,
             h.closed_at, h.deadline_at, h.status, h.resolved, h.satisfaction, h.rehandled,
             h.clue_id, h.updated_at, t.extra) = t.row_hash END AS only_extra_differs
    FROM hashed h
    LEFT JOIN tickets t ON t.ticket_id = h.ticket_id
)
SELECT * EXCLUDE (is_new, is_later, differs, only_extra_differs),
    CASE
        WHEN bad_field IS NOT NULL THEN 'reject'
        WHEN is_new THEN 'insert'
        WHEN is_later THEN 'update'
        WHEN differs AND only_extra_differs THEN 'update'
        WHEN differs THEN 'reject'
        ELSE 'unchanged'
    END AS action,
    CASE
        WHEN bad_field IS NOT NULL THEN bad_field
        WHEN differs AND NOT only_extra_differs THEN 'updated_at'
    END AS reject_field,
    CASE
        WHEN bad_field IS NOT NULL THEN reason
        WHEN differs AND NOT only_extra_differs
            THEN 'conflicts with the stored version of ticket ' || ticket_id || ': same update time, different values'
    END AS reject_reason
FROM judged;
