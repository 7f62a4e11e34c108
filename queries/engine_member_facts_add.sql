-- engine_member_facts_add: add the console's facts (cluster_member_facts,
-- migration 0012) of the tickets a run or a nightly assignment has just
-- put in a cluster, in cluster order (ordering each cluster newest first too
-- took twice as long on a million tickets: 4.9 s against 2.5 s).
-- Parameters: $1 run id (the run_id of the memberships written).
INSERT INTO cluster_member_facts
SELECT m.cluster_id, t.ticket_id, t.received_at, t.department, t.district, t.street, t.address, t.channel
FROM cluster_members m JOIN tickets t USING (ticket_id)
WHERE m.run_id = $1 AND m.cluster_id IS NOT NULL
ORDER BY m.cluster_id;
