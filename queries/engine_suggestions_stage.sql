-- engine_suggestions_stage: an empty staging table for tonight's
-- suggestions (the engine inserts them, engine_suggestions_write stores
-- them).
-- Parameters: none.
CREATE OR REPLACE TEMP TABLE engine_suggested (
    ticket_id    VARCHAR,
    model_run    BIGINT,
    department   VARCHAR,
    confidence   DOUBLE,
    runner_up    VARCHAR,
    suggested_at TIMESTAMPTZ
);
