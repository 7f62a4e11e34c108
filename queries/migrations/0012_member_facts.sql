-- 0012_member_facts: the fields of each clustered ticket that the console's
-- cluster pages read, kept beside its cluster (issue 13).
-- A cluster page reads a few percent of the tickets, scattered over the
-- whole history: joined from tickets, every page read and hashed every
-- ticket id and decompressed every street and address (about 0.2 s a
-- statement on a million tickets, five statements a page). Here the rows
-- of a cluster lie together, in cluster order as the last full run wrote
-- them, and DuckDB reads only their row groups.
-- It mirrors cluster_members (clustered rows only) joined to tickets and
-- is kept so in the same transactions: a full run replaces the rows of its
-- window (engine_member_facts_clear_window, engine_member_facts_add), the
-- nightly assignment adds its rows (engine_member_facts_add) and a load
-- rewrites the rows of the tickets it updated (load_member_facts). It stays
-- exact because one process writes the database at a time (package store):
-- no load can change a ticket between a run's reading it and its commit.

CREATE TABLE cluster_member_facts (
    cluster_id  BIGINT NOT NULL,
    ticket_id   VARCHAR NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    department  VARCHAR,
    district    VARCHAR,
    street      VARCHAR,
    address     VARCHAR,
    channel     VARCHAR
);

INSERT INTO cluster_member_facts
SELECT m.cluster_id, t.ticket_id, t.received_at, t.department, t.district, t.street, t.address, t.channel
FROM cluster_members m JOIN tickets t USING (ticket_id)
WHERE m.cluster_id IS NOT NULL
ORDER BY m.cluster_id, t.received_at DESC, t.ticket_id;
