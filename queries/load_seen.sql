-- load_seen: how many loads read a file with this content.
-- Parameters: $1 sha256 (hex, of the file's bytes).
-- 0 for content never loaded; the path does not matter.
SELECT count(*) FROM loads WHERE sha256 = $1;
