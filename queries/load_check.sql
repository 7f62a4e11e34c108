-- load_check: type and check the rows of the load in progress.
-- Input: the temporary view raw(line BIGINT, <every ticket field as VARCHAR>,
-- extra JSON) that the loader builds over the staged file. No parameters.
-- Output (a view, read once by load_classify.sql, or on the fast path by
-- load_fast_insert.sql and for rejects load_fast_rejected.sql): one row per
-- source row with typed fields, its version time, a hash of its values, and
-- the first bad field and reason (NULL when the row is good).
CREATE OR REPLACE TEMP VIEW checked AS
WITH typed AS (
    SELECT
        r.*,
        nullif(trim(r.ticket_id), '')              AS v_ticket_id,
        parse_local_ts(r.received_at)              AS v_received_at,
        parse_local_ts(r.dispatched_at)            AS v_dispatched_at,
        parse_local_ts(r.replied_at)               AS v_replied_at,
        parse_local_ts(r.closed_at)                AS v_closed_at,
        parse_local_ts(r.deadline_at)              AS v_deadline_at,
        parse_local_ts(r.updated_at)               AS v_updated_at,
        coalesce(try_cast(r.returns AS INTEGER), CASE WHEN coalesce(trim(r.returns), '') = '' THEN 0 END) AS v_returns,
        coalesce(try_cast(r.reassigns AS INTEGER), CASE WHEN coalesce(trim(r.reassigns), '') = '' THEN 0 END) AS v_reassigns,
        try_cast(r.lat AS DOUBLE) AS v_lat,
        try_cast(r.lon AS DOUBLE) AS v_lon,
        CASE WHEN r.urgency IS NULL THEN '一般' WHEN r.urgency IN ('紧急', '一般') THEN r.urgency ELSE CASE lower(trim(r.urgency))
            WHEN '紧急' THEN '紧急' WHEN 'urgent' THEN '紧急' WHEN '1' THEN '紧急' WHEN '是' THEN '紧急' WHEN '特急' THEN '紧急'
            WHEN '一般' THEN '一般' WHEN 'general' THEN '一般' WHEN 'normal' THEN '一般' WHEN '0' THEN '一般'
            WHEN '否' THEN '一般' WHEN '普通' THEN '一般' WHEN '' THEN '一般' END END AS v_urgency,
        CASE WHEN r.satisfaction IN ('满意', '基本满意', '不满意') THEN r.satisfaction ELSE CASE lower(trim(r.satisfaction))
            WHEN '满意' THEN '满意' WHEN 'satisfied' THEN '满意' WHEN '非常满意' THEN '满意'
            WHEN '基本满意' THEN '基本满意' WHEN 'basically satisfied' THEN '基本满意'
            WHEN '不满意' THEN '不满意' WHEN 'dissatisfied' THEN '不满意' END END AS v_satisfaction,
        CASE WHEN r.resolved = '是' THEN true WHEN r.resolved = '否' THEN false
             WHEN lower(trim(r.resolved)) IN ('是', 'true', '1', 'y', 'yes', '已解决') THEN true
             WHEN lower(trim(r.resolved)) IN ('否', 'false', '0', 'n', 'no', '未解决') THEN false END AS v_resolved,
        CASE WHEN r.rehandled IS NULL OR r.rehandled = '否' THEN false WHEN r.rehandled = '是' THEN true
             WHEN lower(trim(r.rehandled)) IN ('是', 'true', '1', 'y', 'yes') THEN true
             WHEN lower(trim(coalesce(r.rehandled, ''))) IN ('否', 'false', '0', 'n', 'no', '') THEN false END AS v_rehandled
    FROM raw r
), judged AS (
    SELECT *,
        CASE
            WHEN v_ticket_id IS NULL THEN 'ticket_id'
            WHEN v_received_at IS NULL THEN 'received_at'
            WHEN coalesce(title, '') = '' AND coalesce(content, '') = '' THEN 'content'
            WHEN v_urgency IS NULL THEN 'urgency'
            WHEN v_lat IS NULL AND lat IS NOT NULL AND trim(lat) <> '' OR v_lat NOT BETWEEN -90 AND 90 THEN 'lat'
            WHEN v_lon IS NULL AND lon IS NOT NULL AND trim(lon) <> '' OR v_lon NOT BETWEEN -180 AND 180 THEN 'lon'
            WHEN v_dispatched_at IS NULL AND dispatched_at IS NOT NULL AND trim(dispatched_at) <> '' THEN 'dispatched_at'
            WHEN v_returns IS NULL OR v_returns < 0 THEN 'returns'
            WHEN v_reassigns IS NULL OR v_reassigns < 0 THEN 'reassigns'
            WHEN v_replied_at IS NULL AND replied_at IS NOT NULL AND trim(replied_at) <> '' THEN 'replied_at'
            WHEN v_closed_at IS NULL AND closed_at IS NOT NULL AND trim(closed_at) <> '' THEN 'closed_at'
            WHEN v_deadline_at IS NULL AND deadline_at IS NOT NULL AND trim(deadline_at) <> '' THEN 'deadline_at'
            WHEN v_resolved IS NULL AND resolved IS NOT NULL AND trim(resolved) <> '' THEN 'resolved'
            WHEN v_satisfaction IS NULL AND satisfaction IS NOT NULL AND trim(satisfaction) <> '' THEN 'satisfaction'
            WHEN v_rehandled IS NULL THEN 'rehandled'
            WHEN v_updated_at IS NULL AND updated_at IS NOT NULL AND trim(updated_at) <> '' THEN 'updated_at'
        END AS bad_field
    FROM typed
)
SELECT
    line,
    v_ticket_id AS ticket_id, v_received_at AS received_at,
    nullif(channel, '') AS channel, nullif(caller_id, '') AS caller_id,
    nullif(title, '') AS title, nullif(content, '') AS content, v_urgency AS urgency,
    nullif(category, '') AS category, nullif(item, '') AS item,
    nullif(district, '') AS district, nullif(street, '') AS street,
    nullif(community, '') AS community, nullif(address, '') AS address,
    v_lat AS lat, v_lon AS lon, nullif(department, '') AS department,
    v_dispatched_at AS dispatched_at, v_returns AS returns, v_reassigns AS reassigns,
    nullif(dispatch_chain, '') AS dispatch_chain,
    v_replied_at AS replied_at, v_closed_at AS closed_at, v_deadline_at AS deadline_at,
    nullif(status, '') AS status, v_resolved AS resolved, v_satisfaction AS satisfaction,
    v_rehandled AS rehandled, nullif(clue_id, '') AS clue_id,
    coalesce(v_updated_at, greatest(v_received_at, v_dispatched_at, v_replied_at, v_closed_at)) AS updated_at,
    extra,
    bad_field,
    CASE bad_field
        WHEN 'ticket_id' THEN 'missing ticket id'
        WHEN 'received_at' THEN CASE WHEN coalesce(trim(received_at), '') = '' THEN 'missing received time'
                                     ELSE 'not a timestamp: "' || received_at || '"' END
        WHEN 'content' THEN 'title and content are both empty'
        WHEN 'urgency' THEN 'not an urgency (紧急/一般): "' || urgency || '"'
        WHEN 'lat' THEN 'not a latitude: "' || lat || '"'
        WHEN 'lon' THEN 'not a longitude: "' || lon || '"'
        WHEN 'dispatched_at' THEN 'not a timestamp: "' || dispatched_at || '"'
        WHEN 'returns' THEN 'not a non-negative integer: "' || returns || '"'
        WHEN 'reassigns' THEN 'not a non-negative integer: "' || reassigns || '"'
        WHEN 'replied_at' THEN 'not a timestamp: "' || replied_at || '"'
        WHEN 'closed_at' THEN 'not a timestamp: "' || closed_at || '"'
        WHEN 'deadline_at' THEN 'not a timestamp: "' || deadline_at || '"'
        WHEN 'resolved' THEN 'not yes/no (是/否): "' || resolved || '"'
        WHEN 'satisfaction' THEN 'not a rating (满意/基本满意/不满意): "' || satisfaction || '"'
        WHEN 'rehandled' THEN 'not yes/no (是/否): "' || rehandled || '"'
        WHEN 'updated_at' THEN 'not a timestamp: "' || updated_at || '"'
    END AS reason
FROM judged;
