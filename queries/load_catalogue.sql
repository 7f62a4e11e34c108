-- load_catalogue: add the catalogue items first seen in the load in progress,
-- with their most frequent category and department (a tie goes to the value
-- that sorts first, as in load_fast_catalogue.sql). Existing items are kept
-- as they are (a catalogue file maintained by hand wins).
-- Input: temp table classified. No parameters.
INSERT OR IGNORE INTO catalogue (item, category, department)
SELECT c.item, c.category, d.department
FROM (SELECT item, first(category ORDER BY n DESC, category) AS category
      FROM (SELECT item, category, count(*) AS n FROM classified
            WHERE action IN ('insert', 'update') AND item IS NOT NULL AND category IS NOT NULL AND department IS NOT NULL
            GROUP BY item, category)
      GROUP BY item) c
JOIN (SELECT item, first(department ORDER BY n DESC, department) AS department
      FROM (SELECT item, department, count(*) AS n FROM classified
            WHERE action IN ('insert', 'update') AND item IS NOT NULL AND category IS NOT NULL AND department IS NOT NULL
            GROUP BY item, department)
      GROUP BY item) d USING (item);
