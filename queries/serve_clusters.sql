-- serve_clusters: the cluster list of the console: clusters with members of a
-- scope, optionally those whose name or top terms contain a text, largest
-- first (members of the scope), ties by cluster id.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 text to look for ('' for every cluster), $4
-- how many. Retired and merged clusters keep their members until the next
-- run and are listed with their status. Reads cluster_member_facts.
WITH mine AS (
    SELECT f.cluster_id, count(*) AS members, max(f.received_at) AS latest
    FROM cluster_member_facts f
    WHERE $1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2
    GROUP BY f.cluster_id
)
SELECT c.cluster_id, c.name, c.top_terms, c.status, mine.members, mine.latest
FROM clusters c JOIN mine USING (cluster_id)
WHERE $3 = '' OR contains(c.name, $3) OR list_contains(c.top_terms, $3)
ORDER BY mine.members DESC, c.cluster_id
LIMIT $4;
