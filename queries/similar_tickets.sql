-- similar_tickets: the tickets most like a query text, by cosine of their
-- sublinear TF-IDF vectors over the latest clustering model's vocabulary.
-- Parameters: $1 query tokens (VARCHAR[]; a repeated token counts again),
-- $2 a ticket id to leave out ('' for none), $3 how many to return.
-- Reads ticket_terms (written by clustering runs and nightly assignment).
-- Returns each ticket's id, score, received time (YYYY-MM-DD HH:MM), title
-- and content ('' when missing), best first, ties by ticket id.
WITH latest AS (
    SELECT max(run_id) AS run_id FROM cluster_runs WHERE kind = 'full'
), q AS (
    SELECT u.term, (1 + ln(count(*))) * any_value(m.idf) AS w
    FROM unnest($1) AS u(term)
    JOIN cluster_model_terms m ON m.term = u.term
    JOIN latest ON m.run_id = latest.run_id
    GROUP BY u.term
), qn AS (
    SELECT term, w / sqrt(sum(w * w) OVER ()) AS w FROM q
), s AS (
    SELECT t.ticket_id, sum(qn.w * t.weight) AS score
    FROM ticket_terms t
    JOIN qn USING (term)
    WHERE t.ticket_id <> $2
    GROUP BY t.ticket_id
    ORDER BY score DESC, t.ticket_id
    LIMIT $3
)
SELECT s.ticket_id, s.score, strftime(t.received_at, '%Y-%m-%d %H:%M'),
    coalesce(t.title, ''), coalesce(t.content, '')
FROM s JOIN tickets t USING (ticket_id)
ORDER BY s.score DESC, s.ticket_id;
