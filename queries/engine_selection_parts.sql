-- engine_selection_parts: the parts of the staged tickets
-- (engine_selection), each with its first and last ticket id, in order;
-- the engine reads one part at a time (engine_read_tickets,
-- engine_read_tokens), so DuckDB holds the result of one part at a time;
-- and its number of tickets.
-- Parameters: none.
SELECT part, min(ticket_id), max(ticket_id), count(*)
FROM engine_selection
GROUP BY part
ORDER BY part;
