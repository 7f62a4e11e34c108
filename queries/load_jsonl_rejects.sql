-- load_jsonl_rejects: record the lines of a JSON Lines file that are not
-- JSON objects (invalid JSON, or an array, string or number) as structural
-- rejects, with the line as read.
-- Parameters: none. Input: temp table src, view objects.
INSERT INTO structural
SELECT _line, 'not a JSON object', j FROM src WHERE _line NOT IN (SELECT _line FROM objects);
