-- load_reject_count: how many rows of the load in progress the
-- classification rejected (load_rejects.sql runs only when there are some).
-- Parameters: none. Input: temp table classified.
SELECT count(*) FROM classified WHERE action = 'reject';
