-- engine_suggestion_scores: every stored dispatch suggestion with whether
-- the weekly 派单复核 section flags it (confident and against the first
-- dispatch; v_suggestions), for scoring against planted misdispatch.
-- Parameters: none.
SELECT ticket_id, suggested, flagged FROM v_suggestions WHERE first_department IS NOT NULL;
