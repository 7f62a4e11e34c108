-- load_catalogue: add the catalogue items first seen in the load in progress,
-- with their category and most frequent department. Existing items are kept
-- as they are (a catalogue file maintained by hand wins).
-- Input: temp table classified. No parameters.
INSERT OR IGNORE INTO catalogue (item, category, department)
SELECT item, mode(category), mode(department)
FROM classified
WHERE action IN ('insert', 'update') AND item IS NOT NULL AND category IS NOT NULL AND department IS NOT NULL
GROUP BY item;
