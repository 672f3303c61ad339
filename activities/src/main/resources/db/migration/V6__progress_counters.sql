-- Progress counters kept as work happens, so that status reads cost the same at 100 pages or 25 M.
--
-- Row triggers on tasks and page_metrics adjust the counters in the very statement that writes
-- the row, from the row's old and new values: a page recorded twice (an activity retried; the
-- insert-if-absent of outage recovery finding the row) counts once, a page that failed and is
-- redone ok moves from failed to ok, and concurrent writers are exact (the trigger sees the row
-- version its statement locked). Every writer is covered, SQL users included.
--
--   job_progress   tasks by status, listed tasks/pages, pages ok/failed, first/last page time
--   task_metrics   (BDRC) per task sums, true at every moment, no longer only at the task's end
--   jobs           (BDRC) total_tasks, done_tasks, failed_tasks, last_progress_at on every change
--
-- Deleting a job deletes its counters with it. Deleting tasks or page rows by hand (not done by
-- ocrbatch) is followed by the counters too, except rows removed by cascade from a deleted task:
-- `SELECT ocrbatch_recount(job_id)` recomputes a job's counters from its rows at any time,
-- `SELECT ocrbatch_recount_all()` every job's in one pass (after a bulk load with triggers off).

CREATE TABLE job_progress (
    job_id        bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    tasks         int NOT NULL DEFAULT 0,
    pending       int NOT NULL DEFAULT 0,
    running       int NOT NULL DEFAULT 0,
    done          int NOT NULL DEFAULT 0,
    retryable     int NOT NULL DEFAULT 0,
    terminal      int NOT NULL DEFAULT 0,
    listed_tasks  int NOT NULL DEFAULT 0,
    pages_listed  bigint NOT NULL DEFAULT 0,
    pages_ok      bigint NOT NULL DEFAULT 0,
    pages_failed  bigint NOT NULL DEFAULT 0,
    first_page_at timestamptz,
    last_page_at  timestamptz
);

-- The job of a page, so that a job's failed pages are found without walking its tasks: set on
-- every page row written from now on (trigger below); of the rows already there, only the failed
-- ones need it (the one index on it is on failed pages), which spares rewriting a big table.
ALTER TABLE page_metrics ADD COLUMN job_id bigint;
UPDATE page_metrics p SET job_id = t.job_id FROM tasks t WHERE t.id = p.task_id AND p.status = 'failed';

-- The views' queries: a job's newest failed pages and task errors, tasks done today, tasks
-- started in the last 24 h (queue stats).
CREATE INDEX page_metrics_job_failed_idx ON page_metrics (job_id, created_at DESC) WHERE status = 'failed';
CREATE INDEX tasks_job_error_idx ON tasks (job_id, last_error_at DESC NULLS LAST) WHERE last_error IS NOT NULL AND status <> 'done';
CREATE INDEX tasks_done_at_idx ON tasks (done_at) WHERE status = 'done';
CREATE INDEX tasks_started_at_idx ON tasks (started_at);
-- A job's tasks that still have work: what its workflow hands out (requeue and restarts walk only these).
CREATE INDEX tasks_job_work_idx ON tasks (job_id, id) WHERE status IN ('pending', 'running', 'retryable_failed');

-- Recomputes one job's counters (and its tasks' task_metrics) from its rows; idempotent.
CREATE FUNCTION ocrbatch_recount(p_job bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO task_metrics AS m (task_id, total_pages, successful_pages, failed_pages, total_duration_ms,
                                   avg_duration_per_page_ms, total_lines_detected, updated_at)
    SELECT p.task_id, count(*), count(*) FILTER (WHERE p.status = 'ok'), count(*) FILTER (WHERE p.status = 'failed'),
           coalesce(sum(p.duration_ms), 0), avg(p.duration_ms), coalesce(sum(p.lines_detected), 0), now()
    FROM page_metrics p JOIN tasks t ON t.id = p.task_id WHERE t.job_id = p_job GROUP BY p.task_id
    ON CONFLICT (task_id) DO UPDATE SET total_pages = EXCLUDED.total_pages,
        successful_pages = EXCLUDED.successful_pages, failed_pages = EXCLUDED.failed_pages,
        total_duration_ms = EXCLUDED.total_duration_ms, avg_duration_per_page_ms = EXCLUDED.avg_duration_per_page_ms,
        total_lines_detected = EXCLUDED.total_lines_detected, updated_at = now();
    INSERT INTO job_progress AS g (job_id, tasks, pending, running, done, retryable, terminal, listed_tasks,
                                   pages_listed, pages_ok, pages_failed, first_page_at, last_page_at)
    SELECT p_job, t.n, t.pending, t.running, t.done, t.retryable, t.terminal, t.listed, t.pages,
           pg.ok, pg.failed, pg.first_at, pg.last_at
    FROM (SELECT count(*) AS n, count(*) FILTER (WHERE status = 'pending') AS pending,
                 count(*) FILTER (WHERE status = 'running') AS running, count(*) FILTER (WHERE status = 'done') AS done,
                 count(*) FILTER (WHERE status = 'retryable_failed') AS retryable,
                 count(*) FILTER (WHERE status = 'terminal_failed') AS terminal,
                 count(total_pages) AS listed, coalesce(sum(total_pages), 0) AS pages
          FROM tasks WHERE job_id = p_job) t,
         (SELECT count(*) FILTER (WHERE p.status = 'ok') AS ok, count(*) FILTER (WHERE p.status = 'failed') AS failed,
                 min(p.created_at) AS first_at, max(p.created_at) AS last_at
          FROM page_metrics p JOIN tasks x ON x.id = p.task_id WHERE x.job_id = p_job) pg
    ON CONFLICT (job_id) DO UPDATE SET tasks = EXCLUDED.tasks, pending = EXCLUDED.pending, running = EXCLUDED.running,
        done = EXCLUDED.done, retryable = EXCLUDED.retryable, terminal = EXCLUDED.terminal,
        listed_tasks = EXCLUDED.listed_tasks, pages_listed = EXCLUDED.pages_listed, pages_ok = EXCLUDED.pages_ok,
        pages_failed = EXCLUDED.pages_failed, first_page_at = EXCLUDED.first_page_at, last_page_at = EXCLUDED.last_page_at;
    UPDATE jobs SET total_tasks = g.tasks, done_tasks = g.done, failed_tasks = g.terminal
    FROM job_progress g WHERE g.job_id = p_job AND jobs.id = p_job;
$$;

-- A task's row changed: its job's task counters follow.
CREATE FUNCTION ocrbatch_task_progress() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o tasks;
    n tasks;
    job bigint;
    d_tasks int; d_done int; d_terminal int;
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN NULL; END IF; -- its job is being deleted
    IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
    IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
    job := coalesce(n.job_id, o.job_id);
    d_tasks := (n.id IS NOT NULL)::int - (o.id IS NOT NULL)::int;
    d_done := (n.status IS NOT DISTINCT FROM 'done')::int - (o.status IS NOT DISTINCT FROM 'done')::int;
    d_terminal := (n.status IS NOT DISTINCT FROM 'terminal_failed')::int - (o.status IS NOT DISTINCT FROM 'terminal_failed')::int;
    INSERT INTO job_progress AS g (job_id, tasks, pending, running, done, retryable, terminal, listed_tasks, pages_listed)
    VALUES (job, d_tasks,
            (n.status IS NOT DISTINCT FROM 'pending')::int - (o.status IS NOT DISTINCT FROM 'pending')::int,
            (n.status IS NOT DISTINCT FROM 'running')::int - (o.status IS NOT DISTINCT FROM 'running')::int,
            d_done,
            (n.status IS NOT DISTINCT FROM 'retryable_failed')::int - (o.status IS NOT DISTINCT FROM 'retryable_failed')::int,
            d_terminal,
            (n.total_pages IS NOT NULL)::int - (o.total_pages IS NOT NULL)::int,
            coalesce(n.total_pages, 0) - coalesce(o.total_pages, 0))
    ON CONFLICT (job_id) DO UPDATE SET tasks = g.tasks + EXCLUDED.tasks, pending = g.pending + EXCLUDED.pending,
        running = g.running + EXCLUDED.running, done = g.done + EXCLUDED.done,
        retryable = g.retryable + EXCLUDED.retryable, terminal = g.terminal + EXCLUDED.terminal,
        listed_tasks = g.listed_tasks + EXCLUDED.listed_tasks, pages_listed = g.pages_listed + EXCLUDED.pages_listed;
    IF d_tasks <> 0 OR d_done <> 0 OR d_terminal <> 0
       OR (n.status IS DISTINCT FROM o.status AND n.status IN ('done', 'retryable_failed', 'terminal_failed')) THEN
        UPDATE jobs SET total_tasks = total_tasks + d_tasks, done_tasks = done_tasks + d_done,
                        failed_tasks = failed_tasks + d_terminal, last_progress_at = now()
        WHERE id = job;
    END IF;
    RETURN NULL;
END $$;

-- A page's row: its job, when not known yet (a new row; a row from before V6 written again).
CREATE FUNCTION ocrbatch_page_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.job_id IS NULL THEN
        NEW.job_id := (SELECT job_id FROM tasks WHERE id = NEW.task_id);
    END IF;
    RETURN NEW;
END $$;

-- A page's row changed: its task's task_metrics and its job's page counters follow.
CREATE FUNCTION ocrbatch_page_progress() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o page_metrics;
    n page_metrics;
    d_pages int; d_ok int; d_failed int; d_ms bigint; d_lines int;
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN NULL; END IF; -- its task is being deleted
    IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
    IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
    d_pages := (n.id IS NOT NULL)::int - (o.id IS NOT NULL)::int;
    d_ok := (n.status IS NOT DISTINCT FROM 'ok')::int - (o.status IS NOT DISTINCT FROM 'ok')::int;
    d_failed := (n.status IS NOT DISTINCT FROM 'failed')::int - (o.status IS NOT DISTINCT FROM 'failed')::int;
    d_ms := coalesce(n.duration_ms, 0) - coalesce(o.duration_ms, 0);
    d_lines := coalesce(n.lines_detected, 0) - coalesce(o.lines_detected, 0);
    INSERT INTO task_metrics AS m (task_id, total_pages, successful_pages, failed_pages, total_duration_ms,
                                   avg_duration_per_page_ms, total_lines_detected, updated_at)
    VALUES (coalesce(n.task_id, o.task_id), d_pages, d_ok, d_failed, d_ms,
            CASE WHEN d_pages > 0 THEN d_ms::float8 / d_pages END, d_lines, now())
    ON CONFLICT (task_id) DO UPDATE SET total_pages = m.total_pages + EXCLUDED.total_pages,
        successful_pages = m.successful_pages + EXCLUDED.successful_pages,
        failed_pages = m.failed_pages + EXCLUDED.failed_pages,
        total_duration_ms = m.total_duration_ms + EXCLUDED.total_duration_ms,
        avg_duration_per_page_ms = CASE WHEN m.total_pages + EXCLUDED.total_pages > 0
            THEN (m.total_duration_ms + EXCLUDED.total_duration_ms)::float8 / (m.total_pages + EXCLUDED.total_pages) END,
        total_lines_detected = m.total_lines_detected + EXCLUDED.total_lines_detected, updated_at = now();
    UPDATE job_progress SET pages_ok = pages_ok + d_ok, pages_failed = pages_failed + d_failed,
        first_page_at = least(first_page_at, n.created_at), last_page_at = greatest(last_page_at, n.created_at)
    WHERE job_id = coalesce(n.job_id, o.job_id);
    RETURN NULL;
END $$;

-- Recomputes every job's counters and every task_metrics row from the rows, in one pass over
-- page_metrics (bulk loads, repairs); idempotent.
CREATE FUNCTION ocrbatch_recount_all() RETURNS void LANGUAGE sql AS $$
    WITH ps AS MATERIALIZED (
        SELECT task_id, count(*) AS n, count(*) FILTER (WHERE status = 'ok') AS ok,
               count(*) FILTER (WHERE status = 'failed') AS failed, coalesce(sum(duration_ms), 0) AS ms,
               avg(duration_ms) AS avg_ms, coalesce(sum(lines_detected), 0) AS lines,
               min(created_at) AS first_at, max(created_at) AS last_at
        FROM page_metrics GROUP BY task_id),
    tm AS (
        INSERT INTO task_metrics AS m (task_id, total_pages, successful_pages, failed_pages, total_duration_ms,
                                       avg_duration_per_page_ms, total_lines_detected, updated_at)
        SELECT task_id, n, ok, failed, ms, avg_ms, lines, now() FROM ps
        ON CONFLICT (task_id) DO UPDATE SET total_pages = EXCLUDED.total_pages,
            successful_pages = EXCLUDED.successful_pages, failed_pages = EXCLUDED.failed_pages,
            total_duration_ms = EXCLUDED.total_duration_ms, avg_duration_per_page_ms = EXCLUDED.avg_duration_per_page_ms,
            total_lines_detected = EXCLUDED.total_lines_detected, updated_at = now())
    INSERT INTO job_progress AS g (job_id, tasks, pending, running, done, retryable, terminal, listed_tasks, pages_listed,
                                   pages_ok, pages_failed, first_page_at, last_page_at)
    SELECT j.id, count(t.id), count(*) FILTER (WHERE t.status = 'pending'), count(*) FILTER (WHERE t.status = 'running'),
           count(*) FILTER (WHERE t.status = 'done'), count(*) FILTER (WHERE t.status = 'retryable_failed'),
           count(*) FILTER (WHERE t.status = 'terminal_failed'), count(t.total_pages), coalesce(sum(t.total_pages), 0),
           coalesce(sum(ps.ok), 0), coalesce(sum(ps.failed), 0), min(ps.first_at), max(ps.last_at)
    FROM jobs j LEFT JOIN tasks t ON t.job_id = j.id LEFT JOIN ps ON ps.task_id = t.id
    GROUP BY j.id
    ON CONFLICT (job_id) DO UPDATE SET tasks = EXCLUDED.tasks, pending = EXCLUDED.pending, running = EXCLUDED.running,
        done = EXCLUDED.done, retryable = EXCLUDED.retryable, terminal = EXCLUDED.terminal,
        listed_tasks = EXCLUDED.listed_tasks, pages_listed = EXCLUDED.pages_listed, pages_ok = EXCLUDED.pages_ok,
        pages_failed = EXCLUDED.pages_failed, first_page_at = EXCLUDED.first_page_at, last_page_at = EXCLUDED.last_page_at;
    UPDATE jobs SET total_tasks = g.tasks, done_tasks = g.done, failed_tasks = g.terminal
    FROM job_progress g WHERE g.job_id = jobs.id;
$$;

-- Counters for the rows already there.
SELECT ocrbatch_recount_all();

CREATE TRIGGER tasks_progress AFTER INSERT OR DELETE OR UPDATE OF status, total_pages ON tasks
    FOR EACH ROW EXECUTE FUNCTION ocrbatch_task_progress();
CREATE TRIGGER page_metrics_job BEFORE INSERT OR UPDATE ON page_metrics
    FOR EACH ROW EXECUTE FUNCTION ocrbatch_page_job();
CREATE TRIGGER page_metrics_progress AFTER INSERT OR DELETE OR UPDATE ON page_metrics
    FOR EACH ROW EXECUTE FUNCTION ocrbatch_page_progress();
-- A job's counters exist from its creation.
CREATE FUNCTION ocrbatch_job_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_progress (job_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_progress AFTER INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION ocrbatch_job_progress();
