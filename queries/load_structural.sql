-- load_structural: record one structural reject found while reading a file
-- (an XLSX row wider than its header).
-- Parameters: $1 line, $2 reason, $3 the row as read (cells joined by tabs).
INSERT INTO structural VALUES ($1, $2, $3);
