-- engine_suggestions_write: store tonight's suggestions (staged by the
-- engine in engine_suggested: ticket_id, model_run, department,
-- confidence, runner_up, suggested_at) for the tickets of engine_selection,
-- replacing any earlier suggestion for them, with their evidence: the
-- members of the ticket's cluster that ended with the suggested department,
-- closest to the cluster's centroid first (three; none for a ticket left
-- pending, or when no member ended there), and the first dispatch beside it.
-- Parameters: none.
DELETE FROM ticket_suggestions WHERE ticket_id IN (SELECT ticket_id FROM engine_suggested);
INSERT INTO ticket_suggestions BY NAME
WITH mine AS (
    SELECT g.*, m.cluster_id,
           first_department(t.dispatch_chain, t.department) AS first_department
    FROM engine_suggested g JOIN tickets t USING (ticket_id)
    LEFT JOIN cluster_members m USING (ticket_id)
), pool AS (
    SELECT m.cluster_id, t.department,
           list(m.ticket_id ORDER BY m.similarity DESC, m.ticket_id)[1:3] AS ids
    FROM cluster_members m JOIN tickets t USING (ticket_id)
    WHERE m.cluster_id IN (SELECT cluster_id FROM mine)
      AND m.ticket_id NOT IN (SELECT ticket_id FROM engine_suggested)
      AND t.department IS NOT NULL
    GROUP BY ALL
)
SELECT mine.ticket_id, mine.model_run, mine.department, mine.confidence, mine.runner_up,
       coalesce(pool.ids, []::VARCHAR[]) AS evidence, mine.first_department,
       mine.first_department = mine.department AS agreed, mine.suggested_at
FROM mine LEFT JOIN pool ON pool.cluster_id = mine.cluster_id AND pool.department = mine.department;
