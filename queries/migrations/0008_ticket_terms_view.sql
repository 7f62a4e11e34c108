-- 0008_ticket_terms_view: ticket_terms, the sublinear TF-IDF weight of each
-- term of a ticket over the latest clustering model's vocabulary, becomes a
-- view computed from ticket_tokens (migration 0007) instead of a table every
-- clustering run rewrote: same columns, and every ticket weighted with the
-- same model. weight = (1 + ln tf) * idf, L2-normalised per ticket. Tokens
-- stored for older values of a ticket (row_hash differs) are left out.
DROP TABLE ticket_terms;
CREATE VIEW ticket_terms AS
WITH latest AS (
    SELECT max(run_id) AS run_id FROM cluster_runs WHERE kind = 'full'
), tf AS (
    SELECT ticket_id, term, count(*) AS n
    FROM (SELECT k.ticket_id, unnest(k.tokens) AS term
          FROM ticket_tokens k JOIN tickets t ON t.ticket_id = k.ticket_id AND t.row_hash = k.row_hash)
    GROUP BY ALL
), w AS (
    SELECT tf.ticket_id, tf.term, (1 + ln(tf.n)) * m.idf AS w
    FROM tf
    JOIN cluster_model_terms m ON m.term = tf.term
    JOIN latest ON m.run_id = latest.run_id
)
SELECT ticket_id, term, w / sqrt(sum(w * w) OVER (PARTITION BY ticket_id)) AS weight
FROM w;
