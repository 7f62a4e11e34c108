-- load_fast_rejected: the rows with a bad field of a file that the fast path
-- loads while keeping its rejects, with line, field and reason, as the temp
-- table classified (action reject) that load_rejects.sql and
-- load_action_counts.sql read. One numbered pass that writes only these rows.
-- Parameters: none. Input: the temp view checked over the view source.
CREATE OR REPLACE TEMP TABLE classified AS
SELECT line, ticket_id, 'reject' AS action, bad_field AS reject_field, reason AS reject_reason
FROM checked
WHERE bad_field IS NOT NULL;
