-- 0001_schema: tickets, catalogue, loads and rejects.
-- Timestamps are TIMESTAMPTZ; source values without a zone are read as
-- Asia/Shanghai local time (see parse_local_ts).

CREATE TABLE catalogue (
    item             VARCHAR PRIMARY KEY, -- catalogue item (目录项)
    category         VARCHAR NOT NULL,    -- one of the 18 major categories (问题大类)
    department       VARCHAR NOT NULL,    -- responsible department (责任单位)
    deadline_minutes INTEGER              -- dispatch deadline; NULL means by urgency (30 min urgent, 120 min general)
);

CREATE SEQUENCE load_ids START 1;

CREATE TABLE loads (
    load_id     BIGINT PRIMARY KEY,
    path        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    format      VARCHAR NOT NULL,  -- csv, xlsx, jsonl, json, parquet
    encoding    VARCHAR,           -- utf8, utf8-bom, gb18030 (text formats)
    profile     VARCHAR NOT NULL,  -- column profile: canonical, zh, open311, mapping
    rows_read   BIGINT NOT NULL,
    inserted    BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    rejected    BIGINT NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE rejects (
    load_id BIGINT NOT NULL,
    line    BIGINT NOT NULL,  -- line of the source file (record number for CSV, element number for JSON arrays, row for XLSX)
    field   VARCHAR NOT NULL, -- canonical field name, or 'row' for a structural error
    reason  VARCHAR NOT NULL,
    raw     VARCHAR NOT NULL  -- the source row as read: the CSV line, or a JSON object of header -> value
);

CREATE TABLE tickets (
    ticket_id      VARCHAR NOT NULL, -- 工单编号; unique (the loader's merge keeps it so; see package load)
    received_at    TIMESTAMPTZ NOT NULL, -- 受理时间
    channel        VARCHAR,   -- 渠道
    caller_id      VARCHAR,   -- pseudonymous caller key, never a phone number
    title          VARCHAR,   -- 诉求主题
    content        VARCHAR,   -- 诉求内容 (raw; mask before showing)
    urgency        VARCHAR NOT NULL, -- 紧急 or 一般
    category       VARCHAR,   -- 问题大类
    item           VARCHAR,   -- 目录项
    district       VARCHAR,   -- 区
    street         VARCHAR,   -- 街道
    community      VARCHAR,   -- 社区
    address        VARCHAR,
    lat            DOUBLE,
    lon            DOUBLE,
    department     VARCHAR,   -- 承办单位 (current)
    dispatched_at  TIMESTAMPTZ,
    returns        INTEGER NOT NULL, -- 退回次数
    reassigns      INTEGER NOT NULL, -- 转派次数
    dispatch_chain VARCHAR,   -- departments the ticket passed through, '>'-separated
    replied_at     TIMESTAMPTZ,
    closed_at      TIMESTAMPTZ,
    deadline_at    TIMESTAMPTZ,
    status         VARCHAR,
    resolved       BOOLEAN,   -- call-back: resolved?
    satisfaction   VARCHAR,   -- 满意, 基本满意, 不满意; NULL without call-back
    rehandled      BOOLEAN NOT NULL, -- 重办
    clue_id        VARCHAR,   -- proactive-discovery clue (未诉先办)
    updated_at     TIMESTAMPTZ NOT NULL, -- version: later wins
    extra          JSON,      -- source columns that map to no field, kept as read
    row_hash       UBIGINT NOT NULL,  -- hash of the loaded values, to tell same-version conflicts
    load_id        BIGINT NOT NULL
);

-- parse_local_ts reads the timestamp forms found in 12345 exports and
-- returns NULL for anything else (never an error):
--   2024/1/5 8:03, 2024-01-05 08:03:00, 2024年1月5日 8时3分, dates alone,
--   ISO 8601 with or without zone, and Excel serial day numbers.
-- Values without a zone are Asia/Shanghai local time.
CREATE MACRO parse_local_ts(s) AS coalesce(
    -- fast path: the canonical form, nine values in ten
    timezone('Asia/Shanghai', try_strptime(s, '%Y-%m-%d %H:%M:%S')),
    CASE
        WHEN s IS NULL OR trim(s) = '' THEN NULL
        WHEN regexp_full_match(trim(s), '[0-9]{5}(\.[0-9]+)?')
            THEN timezone('Asia/Shanghai', TIMESTAMP '1899-12-30'
                 + to_seconds(CAST(round(CAST(trim(s) AS DOUBLE) * 86400) AS BIGINT)))
        WHEN regexp_matches(trim(s), '[0-9](Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
            THEN try_cast(replace(trim(s), '/', '-') AS TIMESTAMPTZ)
        ELSE timezone('Asia/Shanghai', try_strptime(trim(s), [
            '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
            '%Y-%m-%d %H:%M:%S.%f', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d',
            '%Y-%m-%d', '%Y年%m月%d日 %H时%M分%S秒', '%Y年%m月%d日 %H时%M分', '%Y年%m月%d日%H时%M分',
            '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日', '%Y%m%d%H%M%S']))
    END
);
