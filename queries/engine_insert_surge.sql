-- engine_insert_surge: one surge or new-issue flag.
-- Parameters: $1 cluster id, $2 ISO week, $3 events, $4 baseline, $5 upper
-- tail P, $6 kind (surge or new), $7 run id.
INSERT INTO cluster_surges VALUES ($1, $2, $3, $4, $5, $6, $7);
