-- dispatch_chains: the chains of departments tickets passed through before
-- landing (the 推诿 signal): each distinct chain with its count, the most
-- frequent first. Parameters: period_from, period_to (TIMESTAMPTZ).
-- Edge case: tickets never passed on have no chain and are not listed.
SELECT dispatch_chain AS chain,
       string_split(dispatch_chain, '>')[1] AS first_department,
       department AS final_department,
       count(*) AS tickets,
       CAST(sum(returns) AS BIGINT) AS returns,
       CAST(sum(reassigns) AS BIGINT) AS reassigns
FROM v_tickets
WHERE dispatch_chain IS NOT NULL
  AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
GROUP BY ALL
ORDER BY tickets DESC, chain;
