-- load_member_facts: bring the console's facts (cluster_member_facts,
-- migration 0012) of the tickets a load updated up to their new version,
-- in the load's transaction (a reassigned ticket moves to its new
-- department's pages the moment the load commits).
-- Parameters: $1 load_id.
UPDATE cluster_member_facts AS f SET
    received_at = t.received_at, department = t.department, district = t.district,
    street = t.street, address = t.address, channel = t.channel
FROM tickets AS t
WHERE t.load_id = $1 AND t.ticket_id = f.ticket_id;
