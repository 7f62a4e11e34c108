-- cluster_weekly: events per similar-case cluster and ISO week. An event is a
-- near-duplicate group (several channels, or one caller again) or a single
-- ticket, so one event reported five times counts once. Weeks are local
-- (Asia/Shanghai) ISO weeks such as 2026-W47. No parameters.
SELECT m.cluster_id,
       strftime(t.received_at, '%G-W%V') AS week,
       count(DISTINCT coalesce(d.group_id, t.ticket_id)) AS events,
       count(*) AS tickets
FROM cluster_members m
JOIN tickets t USING (ticket_id)
LEFT JOIN dup_groups d USING (ticket_id)
WHERE m.cluster_id IS NOT NULL
GROUP BY ALL
ORDER BY m.cluster_id, week;
