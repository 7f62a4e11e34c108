-- load_last: when each path was last loaded.
-- Parameters: none.
-- One row per path ever loaded: path, finished_at (the latest; NULL only
-- if no load of the path recorded an end).
SELECT path, max(finished_at) AS finished_at FROM loads GROUP BY path;
