-- 0011_route: dispatch suggestions (package cluster/route, issue 12).
-- The weekly job learns which department owns a ticket from where past
-- tickets were finally handled (route_models, route_classes, route_terms:
-- a softmax regression over the words of one full clustering run); the
-- nightly job stores a suggestion for every ticket it assigns
-- (ticket_suggestions) and v_suggestions sets it beside the dispatch.

CREATE TABLE route_models (
    run_id   BIGINT PRIMARY KEY,   -- the full clustering run whose words the model reads
    tickets  BIGINT NOT NULL,      -- tickets it learned from (the newest, up to a cap)
    classes  INTEGER NOT NULL,     -- departments it knows
    built_at TIMESTAMPTZ NOT NULL
);

-- One row per department of a model: its embedding weights and bias.
CREATE TABLE route_classes (
    run_id     BIGINT NOT NULL,
    class      INTEGER NOT NULL,   -- position in route_terms.weights
    department VARCHAR NOT NULL,
    dense      FLOAT[] NOT NULL,   -- weights over the run's word-vector dimensions
    bias       DOUBLE NOT NULL
);

-- One row per vocabulary term with a weight: its weight for each class.
CREATE TABLE route_terms (
    run_id  BIGINT NOT NULL,
    term    VARCHAR NOT NULL,
    weights FLOAT[] NOT NULL       -- by class
);

-- The nightly suggestion for a ticket: the most likely owner, how sure the
-- model is, the past tickets behind it, and the first dispatch beside it.
CREATE TABLE ticket_suggestions (
    ticket_id        VARCHAR NOT NULL,
    model_run        BIGINT NOT NULL,  -- route_models.run_id
    department       VARCHAR NOT NULL, -- suggested owner
    confidence       DOUBLE NOT NULL,  -- the model's probability for it
    runner_up        VARCHAR,          -- the second most likely department
    evidence         VARCHAR[] NOT NULL, -- ticket ids: the ticket's cluster's members closest to its centroid that ended with the suggested department
    first_department VARCHAR,          -- where the ticket was first dispatched (head of dispatch_chain, or department)
    agreed           BOOLEAN,          -- first_department = department; NULL when not dispatched
    suggested_at     TIMESTAMPTZ NOT NULL
);

-- first_department: where a ticket was first dispatched: the head of its
-- dispatch chain (departments it passed through, '>'-separated), or its
-- department when the chain is empty (dispatched right the first time).
CREATE MACRO first_department(chain, department) AS
    CASE WHEN coalesce(trim(chain), '') <> '' THEN trim(split_part(chain, '>', 1)) ELSE department END;

-- v_suggestions: each suggestion beside the ticket's dispatch as it stands
-- now (first_department and agreed are recomputed from the ticket, which a
-- later export may have updated; the table keeps them as of the night).
-- confident: confidence at or above 0.6 (the one home of that threshold;
-- package cluster/route's doc gives the measurement behind it); flagged:
-- confident and against the first dispatch; caught: flagged and naming the
-- department that finally handled the ticket.
CREATE VIEW v_suggestions AS
WITH s AS (
    SELECT s.ticket_id, t.received_at, t.category, t.district, t.street,
           s.department AS suggested, s.confidence, s.runner_up, s.evidence,
           first_department(t.dispatch_chain, t.department) AS first_department,
           t.department AS final_department, t.returns, t.reassigns, t.dispatch_chain,
           s.confidence >= 0.6 AS confident, s.model_run, s.suggested_at
    FROM ticket_suggestions s JOIN tickets t USING (ticket_id)
)
SELECT *, suggested = first_department AS agreed,
       confident AND suggested <> first_department AS flagged,
       confident AND suggested <> first_department AND suggested = final_department AS caught
FROM s;
