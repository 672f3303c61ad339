-- The file registry: one row per file found in a drop folder (watch) or a bulk-ingested tree.
-- SQL users read it directly, e.g. SELECT publisher, status, count(*) FROM files GROUP BY 1, 2.
CREATE TABLE files (
    id             bigserial PRIMARY KEY,
    origin         text NOT NULL,           -- 'watch:<name>' or 'ingest:<root>'
    publisher      text NOT NULL,
    file_name      text NOT NULL,           -- path inside the publisher folder
    source_uri     text NOT NULL UNIQUE,    -- file:///… or s3://bucket/key
    size_bytes     bigint NOT NULL,
    format         text,                    -- pdf, tiff, jpeg, png; null when unsupported
    fingerprint    text NOT NULL,           -- ETag, or size+mtime: a change makes the file pending again
    status         text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'skipped')),
    skip_reason    text,
    discovered_at  timestamptz NOT NULL DEFAULT now(),
    changed_at     timestamptz,
    started_at     timestamptz,
    completed_at   timestamptz,
    error_message  text,
    retry_count    int NOT NULL DEFAULT 0,  -- failed attempts since found, changed or reset
    max_retries    int NOT NULL DEFAULT 2,
    attempts       int NOT NULL DEFAULT 0,  -- jobs started for it, ever (names the next job)
    output_path    text,
    priority       smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    job_id         bigint REFERENCES jobs (id) ON DELETE SET NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX files_publisher_status_idx ON files (publisher, status);
CREATE INDEX files_status_idx ON files (status, priority, id);
CREATE INDEX files_origin_status_idx ON files (origin, status);
CREATE INDEX files_job_idx ON files (job_id);
CREATE INDEX files_completed_at_idx ON files (completed_at) WHERE status = 'completed';

-- Counts by publisher and status, kept by statement triggers so that stats cost the same at
-- 1,000 files or 1,000,000 (a bulk insert updates each counter once, not once per row).
CREATE TABLE file_counts (
    publisher  text NOT NULL,
    status     text NOT NULL,
    n          bigint NOT NULL,
    PRIMARY KEY (publisher, status)
);

CREATE FUNCTION files_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO file_counts AS c (publisher, status, n)
    SELECT publisher, status, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (publisher, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION files_counted_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO file_counts AS c (publisher, status, n)
    SELECT publisher, status, sum(d) FROM (
        SELECT publisher, status, 1 AS d FROM new_rows
        UNION ALL SELECT publisher, status, -1 FROM old_rows) x
    GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (publisher, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION files_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO file_counts AS c (publisher, status, n)
    SELECT publisher, status, -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (publisher, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE TRIGGER files_counted_insert AFTER INSERT ON files
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION files_counted_insert();
CREATE TRIGGER files_counted_update AFTER UPDATE ON files
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION files_counted_update();
CREATE TRIGGER files_counted_delete AFTER DELETE ON files
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION files_counted_delete();

-- Bulk-ingested files run as volumes of rolling intake jobs: their task's status is theirs.
CREATE FUNCTION files_follow_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE files f SET
        status = CASE NEW.status WHEN 'done' THEN 'completed' WHEN 'terminal_failed' THEN 'failed'
                                 WHEN 'running' THEN 'processing' ELSE f.status END,
        started_at = coalesce(f.started_at, NEW.started_at),
        completed_at = CASE WHEN NEW.status IN ('done', 'terminal_failed') THEN now() END,
        error_message = CASE WHEN NEW.status = 'terminal_failed' THEN NEW.last_error END,
        output_path = coalesce(NEW.output_prefix, f.output_path),
        updated_at = now()
    FROM volumes v
    WHERE v.id = NEW.volume_id AND f.source_uri = v.source_uri AND f.job_id = NEW.job_id
      AND f.origin LIKE 'ingest:%';
    RETURN NULL;
END $$;

CREATE TRIGGER files_follow_task AFTER UPDATE OF status ON tasks
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION files_follow_task();
