-- similar_candidate_tokens: the stored feature tokens of the candidates
-- that similar_tickets found, so that "cases like this" can re-rank them
-- by the cosine of their embeddings (cluster.LikeScore).
-- Parameters: $1 candidate ticket ids (VARCHAR[]).
-- A ticket without stored tokens (never clustered) is simply absent; the
-- caller then ranks it by its TF-IDF score alone.
SELECT ticket_id, tokens
FROM ticket_tokens
WHERE list_contains($1, ticket_id)
ORDER BY ticket_id;
