-- load_counts: what a load did, as load_record.sql recorded it.
-- Parameters: $1 load_id. No row for an unknown load.
SELECT rows_read, inserted, updated, unchanged, rejected FROM loads WHERE load_id = $1;
