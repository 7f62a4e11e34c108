-- load_action_counts: how many rows of the load in progress the
-- classification rejected and how many update stored tickets; the loader
-- runs load_rejects.sql (which for a CSV file reads it again) and
-- load_update.sql with load_member_facts.sql only when there are some.
-- Parameters: none. Input: temp table classified.
SELECT count(*) FILTER (WHERE action = 'reject'), count(*) FILTER (WHERE action = 'update')
FROM classified;
