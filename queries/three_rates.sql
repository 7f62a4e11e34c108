-- three_rates: the three rates (三率) per unit, with rankings, for tickets
-- received in a period. unit_kind is district, street or department.
--   response rate (响应率): replied by the handling deadline (deadline_at), over
--     tickets whose deadline has passed or that are replied;
--   resolution rate (解决率): resolved at call-back, over call-backs with an answer;
--   satisfaction rate (满意率): 满意 or 基本满意, over rated call-backs.
-- re-handled (重办) tickets are counted beside them. Ranks: 1 is best; ties
-- share a rank; units without a value rank last.
-- Parameters: period_from, period_to (TIMESTAMPTZ), as_of (TIMESTAMPTZ: the
-- report's clock, for "deadline has passed").
WITH base AS (
    SELECT 'district' AS unit_kind, district AS unit, * FROM v_tickets
    UNION ALL SELECT 'street', street, * FROM v_tickets
    UNION ALL SELECT 'department', department, * FROM v_tickets
), rates AS (
    SELECT unit_kind, unit, count(*) AS tickets,
        count(*) FILTER (WHERE replied_at <= deadline_at)
            / nullif(count(*) FILTER (WHERE replied_at IS NOT NULL OR deadline_at < getvariable('as_of')::TIMESTAMPTZ), 0) AS response_rate,
        count(*) FILTER (WHERE resolved) / nullif(count(resolved), 0) AS resolution_rate,
        count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意')) / nullif(count(satisfaction), 0) AS satisfaction_rate,
        count(satisfaction) AS rated,
        count(*) FILTER (WHERE rehandled) AS rehandled
    FROM base
    WHERE unit IS NOT NULL
      AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
    GROUP BY unit_kind, unit
)
SELECT *,
    rank() OVER (PARTITION BY unit_kind ORDER BY response_rate DESC NULLS LAST) AS response_rank,
    rank() OVER (PARTITION BY unit_kind ORDER BY resolution_rate DESC NULLS LAST) AS resolution_rank,
    rank() OVER (PARTITION BY unit_kind ORDER BY satisfaction_rate DESC NULLS LAST) AS satisfaction_rank
FROM rates
ORDER BY unit_kind, satisfaction_rank, unit;
