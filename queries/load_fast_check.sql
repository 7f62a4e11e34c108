-- load_fast_check: what the fast path (load_fast_insert.sql) could not see
-- as it wrote: rows that staging rejected before any field was read (an
-- XLSX row wider than its header, a JSON line that is not an object; a CSV
-- row the reader cannot split stops the first pass), and tickets the file
-- holds more than once. Repeats send the file to the classifying path;
-- structural rejects to the pass that keeps rejects, which records them.
-- Parameters: $1 load_id. Input: temp table structural. Run in the
-- transaction of the load.
-- Output: one row (structural rejects, rows written, rows that repeat a
-- ticket written before them). Ids are counted by their 64-bit hash, twice
-- as fast on a million as the text: two ids that collide only send the
-- file to the classifying path.
SELECT (SELECT count(*) FROM structural),
       count(*),
       count(*) - count(DISTINCT hash(ticket_id))
FROM tickets
WHERE load_id = $1;
