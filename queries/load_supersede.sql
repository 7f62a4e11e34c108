-- load_supersede: within one file, the latest version of a ticket (then the
-- last line) wins; the file's other versions of it are rejected as superseded.
-- Input: temp table classified (load_classify.sql). No parameters.
UPDATE classified AS c SET
    action = 'reject',
    reject_field = 'ticket_id',
    reject_reason = 'ticket ' || c.ticket_id || ' appears again at line ' || w.winner
        || ' with a later or equal version; this row is superseded'
FROM (
    SELECT ticket_id, arg_max(line, (updated_at, line)) AS winner
    FROM classified
    WHERE bad_field IS NULL
    GROUP BY ticket_id
    HAVING count(*) > 1
) AS w
WHERE c.ticket_id = w.ticket_id AND c.bad_field IS NULL AND c.line <> w.winner;
