-- serve_freshness: how fresh the data of the console is: the latest ticket
-- received time and when the last load finished.
-- Parameters: none. Either value is NULL on a database without tickets or
-- without loads.
SELECT (SELECT max(received_at) FROM tickets) AS latest_ticket,
       (SELECT max(finished_at) FROM loads) AS last_load;
