-- serve_scopes: every department and district the tickets name, as the
-- scopes of console users, for warming the console before a meeting.
-- Parameters: none. Rows (kind, value): departments first, then
-- districts, each by name.
SELECT 'department' AS kind, department AS value FROM tickets WHERE department IS NOT NULL GROUP BY department
UNION ALL
SELECT 'district', district FROM tickets WHERE district IS NOT NULL GROUP BY district
ORDER BY kind, value;
