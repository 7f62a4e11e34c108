-- serve_cluster_places: where the tickets of a cluster in a scope concentrate:
-- the $4 streets, addresses (only those named twice or more) and
-- departments with most tickets, as rows (kind: street, address or
-- department; place; tickets), each kind most first, ties by name; and
-- one row of kind total: all the tickets of the cluster in the scope.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 how many of each kind.
-- Reads the cluster's rows of cluster_member_facts.
WITH s AS (
    SELECT f.street, f.address, f.department
    FROM cluster_member_facts f
    WHERE f.cluster_id = $3
      AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
), places AS (
    SELECT 'street' AS kind, street AS place, count(*) AS tickets FROM s WHERE street IS NOT NULL GROUP BY street
    UNION ALL
    SELECT 'address', address, count(*) FROM s WHERE address IS NOT NULL GROUP BY address HAVING count(*) > 1
    UNION ALL
    SELECT 'department', department, count(*) FROM s WHERE department IS NOT NULL GROUP BY department
    UNION ALL
    SELECT 'total', '', count(*) FROM s
)
SELECT kind, place, tickets FROM places
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY tickets DESC, place) <= $4
ORDER BY kind, tickets DESC, place;
