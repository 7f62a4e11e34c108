-- load_fast_insert: the fast path of a load, for a file of new tickets only
-- (a first load, the export of a new day): write the checked rows straight
-- into tickets in one pass, with no classified table in between.
-- Parameters: $1 load_id, $2 the message of the error that stops the pass
-- at a row with a bad field, $3 that of the error that stops it at a
-- ticket already stored, $4 true to leave rows with a bad field out instead
-- (the loader has them as rejects from load_fast_rejected.sql).
-- Input: the temp view checked (load_check.sql) over the rows of the file,
-- for a CSV file read without line numbers (numbering them keeps DuckDB to
-- one thread); the first try reads it with a reader that stops at a row
-- it cannot split.
-- After a stop the loader rolls back and takes the file by the pass that
-- keeps rejects or by the classifying path. DuckDB evaluates a CASE branch
-- only for the rows that take it, a batch of rows at a time: a stored
-- ticket is tested first, so that a reload of a file with bad rows stops
-- for the stored tickets, not the bad rows. Repeats of a ticket within the file are
-- found after, by load_fast_check.sql.
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
WHERE CASE WHEN ticket_id IN (SELECT ticket_id FROM tickets) THEN error($3)
           WHEN bad_field IS NOT NULL THEN CASE WHEN $4 THEN false ELSE error($2) END
           ELSE true END;
