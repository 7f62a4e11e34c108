-- serve_ticket: one ticket as the console shows it (text unmasked: the
-- caller masks it), with its cluster and near-duplicate group.
-- Parameters: $1 ticket id. No row for an unknown id. Empty strings for
-- missing text fields; the caller checks department and district against
-- the scope of the user before showing anything.
SELECT t.ticket_id, t.received_at, coalesce(t.channel, '') AS channel, t.urgency,
       coalesce(t.category, '') AS category, coalesce(t.item, '') AS item,
       coalesce(t.district, '') AS district, coalesce(t.street, '') AS street,
       coalesce(t.address, '') AS address, coalesce(t.department, '') AS department,
       coalesce(t.title, '') AS title, coalesce(t.content, '') AS content,
       coalesce(t.status, '') AS status, t.dispatched_at, t.closed_at, t.returns, t.reassigns,
       coalesce(t.satisfaction, '') AS satisfaction, t.rehandled,
       m.cluster_id, coalesce(c.name, '') AS cluster_name, coalesce(d.group_id, '') AS dup_group
FROM tickets t
LEFT JOIN cluster_members m USING (ticket_id)
LEFT JOIN clusters c ON c.cluster_id = m.cluster_id
LEFT JOIN dup_groups d USING (ticket_id)
WHERE t.ticket_id = $1;
