-- load_fast_catalogue: add the catalogue items first seen in a load that the
-- fast path wrote, with their category and most frequent department, as
-- load_catalogue.sql does for the classifying path (existing items are kept).
-- Parameters: $1 load_id. Run in the transaction of the load.
INSERT OR IGNORE INTO catalogue (item, category, department)
SELECT item, mode(category), mode(department)
FROM tickets
WHERE load_id = $1 AND item IS NOT NULL AND category IS NOT NULL AND department IS NOT NULL
GROUP BY item;
