-- 0003_views: analyst views (documented in queries/README.md).

-- v_tickets: every ticket with its local dates, similar-case cluster and
-- near-duplicate group, and the handling measures most questions need.
CREATE VIEW v_tickets AS
SELECT t.*,
       CAST(timezone('Asia/Shanghai', t.received_at) AS DATE)  AS received_date,
       strftime(t.received_at, '%G-W%V')                        AS received_week,
       strftime(t.received_at, '%Y-%m')                         AS received_month,
       m.cluster_id,
       c.name                                                   AS cluster_name,
       d.group_id                                               AS dup_group,
       coalesce(d.group_id, t.ticket_id)                        AS event_id,
       date_diff('minute', t.received_at, t.dispatched_at)      AS dispatch_minutes,
       coalesce(k.deadline_minutes, CASE WHEN t.urgency = '紧急' THEN 30 ELSE 120 END) AS dispatch_limit_minutes,
       t.returns = 0 AND t.reassigns = 0                        AS first_dispatch_correct,
       date_diff('minute', t.received_at, t.replied_at) / 60.0  AS reply_hours,
       t.closed_at IS NULL                                      AS open
FROM tickets t
LEFT JOIN cluster_members m USING (ticket_id)
LEFT JOIN clusters c ON c.cluster_id = m.cluster_id
LEFT JOIN dup_groups d USING (ticket_id)
LEFT JOIN catalogue k ON k.item = t.item;

-- v_cluster_weekly: tickets and events (duplicate groups counted once) per
-- cluster and ISO week.
CREATE VIEW v_cluster_weekly AS
SELECT cluster_id, any_value(cluster_name) AS cluster_name, received_week AS week,
       count(*) AS tickets, count(DISTINCT event_id) AS events
FROM v_tickets
WHERE cluster_id IS NOT NULL
GROUP BY cluster_id, received_week;

-- v_department_month: the handling measures per department and month.
CREATE VIEW v_department_month AS
SELECT department, received_month AS month, count(*) AS tickets,
       avg(CASE WHEN dispatch_minutes IS NOT NULL THEN CAST(dispatch_minutes <= dispatch_limit_minutes AS INT) END) AS dispatch_on_time_rate,
       avg(CAST(first_dispatch_correct AS INT)) AS first_dispatch_rate,
       avg(CASE WHEN resolved IS NOT NULL THEN CAST(resolved AS INT) END) AS resolution_rate,
       avg(CASE WHEN satisfaction IS NOT NULL THEN CAST(satisfaction IN ('满意', '基本满意') AS INT) END) AS satisfaction_rate,
       count(*) FILTER (WHERE rehandled) AS rehandled
FROM v_tickets
WHERE department IS NOT NULL
GROUP BY department, received_month;
