-- 0002_cluster: similar-case clusters with stable identity, near-duplicate
-- groups, the token table behind `leian similar`, and surge flags.
-- Written only by package cluster; read through the views of queries/README.md.

CREATE SEQUENCE cluster_run_ids START 1;
CREATE SEQUENCE cluster_ids START 1;

CREATE TABLE cluster_runs (
    run_id       BIGINT PRIMARY KEY,
    kind         VARCHAR NOT NULL,  -- full (re-clustering of a window) or assign (nightly)
    window_from  TIMESTAMPTZ,
    window_to    TIMESTAMPTZ,
    tickets      BIGINT NOT NULL,
    clusters     INTEGER NOT NULL,
    new_clusters INTEGER NOT NULL,
    params       VARCHAR NOT NULL,  -- JSON of the configuration
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL
);

-- One row per stable cluster id: its latest description.
CREATE TABLE clusters (
    cluster_id   BIGINT PRIMARY KEY,
    name         VARCHAR NOT NULL,   -- short Chinese name from the top terms
    top_terms    VARCHAR[] NOT NULL, -- class-based TF-IDF, best first
    size         BIGINT NOT NULL,    -- members at the last run
    first_run    BIGINT NOT NULL,
    last_run     BIGINT NOT NULL,
    status       VARCHAR NOT NULL    -- active, merged (into another id), retired
);

-- Current membership of every clustered ticket.
CREATE TABLE cluster_members (
    ticket_id  VARCHAR NOT NULL,
    cluster_id BIGINT,             -- NULL: not similar enough to any cluster yet (pending)
    similarity DOUBLE NOT NULL,    -- cosine to the cluster centroid
    run_id     BIGINT NOT NULL
);

-- Representative tickets of each cluster (closest to its centroid), by rank.
CREATE TABLE cluster_representatives (
    cluster_id BIGINT NOT NULL,
    rank       INTEGER NOT NULL,
    ticket_id  VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL
);

-- How each run's clusters relate to the previous run's.
CREATE TABLE cluster_lineage (
    run_id          BIGINT NOT NULL,
    cluster_id      BIGINT NOT NULL,
    prev_cluster_id BIGINT,          -- NULL for new
    relation        VARCHAR NOT NULL, -- same, merge, split, new
    overlap         DOUBLE,          -- shared members over the smaller side
    similarity      DOUBLE           -- centroid cosine in the new run's space
);

-- The model of the latest run, for nightly assignment without re-clustering.
CREATE TABLE cluster_model_terms (
    run_id BIGINT NOT NULL,
    term   VARCHAR NOT NULL,
    idf    DOUBLE NOT NULL,
    vec    FLOAT[] NOT NULL
);
CREATE TABLE cluster_centroids (
    run_id     BIGINT NOT NULL,
    cluster_id BIGINT NOT NULL,
    centroid   FLOAT[] NOT NULL
);

-- Near-duplicate groups: tickets reporting one event, or one caller again.
CREATE TABLE dup_groups (
    ticket_id VARCHAR NOT NULL,
    group_id  VARCHAR NOT NULL  -- the smallest ticket id of the group
);

-- Token table behind `leian similar`: TF-IDF weight of each term of a ticket.
CREATE TABLE ticket_terms (
    ticket_id VARCHAR NOT NULL,
    term      VARCHAR NOT NULL,
    weight    DOUBLE NOT NULL
);

-- Weekly surge and new-issue flags per cluster.
CREATE TABLE cluster_surges (
    cluster_id BIGINT NOT NULL,
    week       VARCHAR NOT NULL,  -- ISO week, 2026-W47
    count      BIGINT NOT NULL,
    baseline   DOUBLE NOT NULL,   -- mean weekly count over the trailing weeks
    p_value    DOUBLE NOT NULL,   -- tail probability of the test (package cluster/surge: binomial test of the flagged window against its 8 weeks before)
    kind       VARCHAR NOT NULL,  -- surge or new
    run_id     BIGINT NOT NULL
);
