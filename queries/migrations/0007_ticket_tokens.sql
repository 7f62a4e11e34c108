-- 0007_ticket_tokens: each ticket's feature tokens as the text pipeline
-- segmented them, kept so that re-clustering, assignment and near-duplicate
-- detection segment a ticket once. A row serves only while the ticket's
-- row_hash (its loaded values) and the tokenizer version (a digest of the
-- embedded dictionary, stop words and boilerplate and the segmenter) match;
-- otherwise the ticket is segmented again and its row replaced. Owned by
-- package cluster; derived data, safe to delete at any time.
CREATE TABLE ticket_tokens (
    ticket_id VARCHAR NOT NULL,
    row_hash  UBIGINT NOT NULL,
    version   VARCHAR NOT NULL,
    tokens    VARCHAR[] NOT NULL
);
