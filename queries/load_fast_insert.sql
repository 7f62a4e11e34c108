-- load_fast_insert: the fast path of a load, for a file of new tickets only
-- (a first load, the export of a new day): write every checked row straight into
-- tickets in one pass, with no classified table in between.
-- Parameters: $1 load_id, $2 the message of the error that stops the pass.
-- Input: the temp view checked (load_check.sql) over the rows of the file,
-- for a CSV file read without line numbers (numbering them keeps DuckDB to
-- one thread) by a reader that stops at a row it cannot split.
-- The pass stops with error($2) at the first row that is not a good new
-- ticket: a bad field, or a ticket_id already stored. The loader then rolls
-- back and loads the file by the classifying path. DuckDB evaluates a CASE
-- branch only for the rows that take it. Repeats of a ticket within the
-- file are found after, by load_fast_check.sql.
INSERT INTO tickets
SELECT ticket_id, received_at, channel, caller_id, title, content, urgency, category, item,
       district, street, community, address, lat, lon, department, dispatched_at, returns,
       reassigns, dispatch_chain, replied_at, closed_at, deadline_at, status, resolved,
       satisfaction, rehandled, clue_id, updated_at, extra,
       hash(ticket_id, received_at, channel, caller_id, title, content, urgency, category, item,
            district, street, community, address, lat, lon, department, dispatched_at, returns,
            reassigns, dispatch_chain, replied_at, closed_at, deadline_at, status, resolved,
            satisfaction, rehandled, clue_id, updated_at, extra),
       $1
FROM checked
WHERE CASE WHEN bad_field IS NULL AND ticket_id NOT IN (SELECT ticket_id FROM tickets) THEN true
           ELSE error($2) END;
