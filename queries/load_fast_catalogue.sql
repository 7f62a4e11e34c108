-- load_fast_catalogue: add the catalogue items first seen in a load that the
-- fast path wrote, with their most frequent category and department, as
-- load_catalogue.sql does for the classifying path (existing items are kept).
-- A tie goes to the value that sorts first: the fast path writes rows in
-- no fixed order, so the first seen would differ from run to run.
-- Parameters: $1 load_id. Run in the transaction of the load.
INSERT OR IGNORE INTO catalogue (item, category, department)
SELECT c.item, c.category, d.department
FROM (SELECT item, first(category ORDER BY n DESC, category) AS category
      FROM (SELECT item, category, count(*) AS n FROM tickets
            WHERE load_id = $1 AND item IS NOT NULL AND category IS NOT NULL AND department IS NOT NULL
            GROUP BY item, category)
      GROUP BY item) c
JOIN (SELECT item, first(department ORDER BY n DESC, department) AS department
      FROM (SELECT item, department, count(*) AS n FROM tickets
            WHERE load_id = $1 AND item IS NOT NULL AND category IS NOT NULL AND department IS NOT NULL
            GROUP BY item, department)
      GROUP BY item) d USING (item);
