-- engine_cluster_sizes: set each active cluster's size to its members.
-- Parameters: none. A cluster with no member keeps its size.
UPDATE clusters SET size = n
FROM (SELECT cluster_id, count(*) AS n FROM cluster_members GROUP BY 1) s
WHERE clusters.cluster_id = s.cluster_id AND clusters.status = 'active';
