-- volume: ticket volume of a period by category, catalogue item, district,
-- street, department and channel (and in total), with the change on the
-- previous period of the same length and on the same period a year before.
-- Parameters (SET VARIABLE name = value; in the DuckDB CLI): period_from
-- TIMESTAMPTZ (inclusive), period_to TIMESTAMPTZ (exclusive).
-- Edge cases: a value absent in a comparison period has count 0 there and a
-- NULL change (no division by zero); tickets still open count; tickets that
-- leave a field empty count under the value '未填' (the total's value is
-- '全部').
WITH bounds AS (
    SELECT getvariable('period_from')::TIMESTAMPTZ AS f, getvariable('period_to')::TIMESTAMPTZ AS t
), tagged AS (
    SELECT v.*,
        CASE WHEN received_at >= b.f AND received_at < b.t THEN 'cur'
             WHEN received_at >= b.f - (b.t - b.f) AND received_at < b.f THEN 'prev'
             WHEN received_at >= b.f - INTERVAL 1 YEAR AND received_at < b.t - INTERVAL 1 YEAR THEN 'yoy'
        END AS period
    FROM tickets v, bounds b
), grouped AS (
    SELECT
        CASE WHEN grouping(category) = 0 THEN 'category' WHEN grouping(item) = 0 THEN 'item'
             WHEN grouping(district) = 0 THEN 'district' WHEN grouping(street) = 0 THEN 'street'
             WHEN grouping(department) = 0 THEN 'department' WHEN grouping(channel) = 0 THEN 'channel'
             ELSE 'total' END AS dimension,
        CASE WHEN grouping(category) = 0 THEN coalesce(category, '未填')
             WHEN grouping(item) = 0 THEN coalesce(item, '未填')
             WHEN grouping(district) = 0 THEN coalesce(district, '未填')
             WHEN grouping(street) = 0 THEN coalesce(street, '未填')
             WHEN grouping(department) = 0 THEN coalesce(department, '未填')
             WHEN grouping(channel) = 0 THEN coalesce(channel, '未填')
             ELSE '全部' END AS value,
        count(*) FILTER (WHERE period = 'cur')  AS tickets,
        count(*) FILTER (WHERE period = 'prev') AS prev_tickets,
        count(*) FILTER (WHERE period = 'yoy')  AS last_year_tickets
    FROM tagged
    WHERE period IS NOT NULL
    GROUP BY GROUPING SETS ((category), (item), (district), (street), (department), (channel), ())
)
SELECT dimension, value, tickets, prev_tickets, last_year_tickets,
       CASE WHEN prev_tickets > 0 THEN tickets / prev_tickets - 1 END AS change,
       CASE WHEN last_year_tickets > 0 THEN tickets / last_year_tickets - 1 END AS change_yoy
FROM grouped
WHERE tickets > 0 OR dimension = 'total'
ORDER BY dimension, tickets DESC, value;
