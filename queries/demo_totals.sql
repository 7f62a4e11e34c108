-- demo_totals: the tickets and the active similar-case clusters of the
-- database, for leian demo's closing lines.
-- Parameters: none. One row; 0, 0 on an empty database.
SELECT (SELECT count(*) FROM tickets) AS tickets,
       (SELECT count(*) FROM clusters WHERE status = 'active') AS clusters;
