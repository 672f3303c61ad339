-- Task counters kept per statement (V6 kept them per row). A statement that writes many tasks of
-- one job (creating a 100,000-volume job, requeueing its failed tasks, a bulk UPDATE by an SQL
-- user) updated the job's counter rows once per task inside one transaction, and each update walks
-- the versions the transaction left before it: quadratic, many minutes for 100,000 tasks. Now a
-- statement adds its net change to each job's counters once, from its transition tables. Same
-- numbers, same moment (the end of the statement), same rules (V6's header).

DROP TRIGGER tasks_progress ON tasks;
DROP FUNCTION ocrbatch_task_progress();

-- One job's net change; jobs' BDRC columns move when a task is added, removed, done or
-- terminally failed, and last_progress_at also when a task ends (done or failed) anew.
CREATE FUNCTION ocrbatch_add_task_change(job bigint, d_tasks int, d_pending int, d_running int,
        d_done int, d_retryable int, d_terminal int, d_listed int, d_pages bigint, ended boolean)
        RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF d_tasks = 0 AND d_pending = 0 AND d_running = 0 AND d_done = 0 AND d_retryable = 0
       AND d_terminal = 0 AND d_listed = 0 AND d_pages = 0 AND NOT ended THEN
        RETURN;
    END IF;
    INSERT INTO job_progress AS g (job_id, tasks, pending, running, done, retryable, terminal, listed_tasks, pages_listed)
    VALUES (job, d_tasks, d_pending, d_running, d_done, d_retryable, d_terminal, d_listed, d_pages)
    ON CONFLICT (job_id) DO UPDATE SET tasks = g.tasks + EXCLUDED.tasks, pending = g.pending + EXCLUDED.pending,
        running = g.running + EXCLUDED.running, done = g.done + EXCLUDED.done,
        retryable = g.retryable + EXCLUDED.retryable, terminal = g.terminal + EXCLUDED.terminal,
        listed_tasks = g.listed_tasks + EXCLUDED.listed_tasks, pages_listed = g.pages_listed + EXCLUDED.pages_listed;
    IF d_tasks <> 0 OR d_done <> 0 OR d_terminal <> 0 OR ended THEN
        UPDATE jobs SET total_tasks = total_tasks + d_tasks, done_tasks = done_tasks + d_done,
                        failed_tasks = failed_tasks + d_terminal, last_progress_at = now()
        WHERE id = job;
    END IF;
END $$;

-- Rows counted +1 as they are after the statement and -1 as they were before it, summed per job.
CREATE FUNCTION ocrbatch_tasks_progress() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c record;
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN NULL; END IF; -- its job is being deleted
    IF TG_OP = 'INSERT' THEN
        FOR c IN SELECT job_id, count(*)::int AS tasks,
                        count(*) FILTER (WHERE status = 'pending')::int AS pending,
                        count(*) FILTER (WHERE status = 'running')::int AS running,
                        count(*) FILTER (WHERE status = 'done')::int AS done,
                        count(*) FILTER (WHERE status = 'retryable_failed')::int AS retryable,
                        count(*) FILTER (WHERE status = 'terminal_failed')::int AS terminal,
                        count(total_pages)::int AS listed, coalesce(sum(total_pages), 0)::bigint AS pages,
                        bool_or(status IN ('done', 'retryable_failed', 'terminal_failed')) AS ended
                 FROM new_rows GROUP BY job_id LOOP
            PERFORM ocrbatch_add_task_change(c.job_id, c.tasks, c.pending, c.running, c.done,
                                             c.retryable, c.terminal, c.listed, c.pages, c.ended);
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR c IN SELECT job_id, -count(*)::int AS tasks,
                        -count(*) FILTER (WHERE status = 'pending')::int AS pending,
                        -count(*) FILTER (WHERE status = 'running')::int AS running,
                        -count(*) FILTER (WHERE status = 'done')::int AS done,
                        -count(*) FILTER (WHERE status = 'retryable_failed')::int AS retryable,
                        -count(*) FILTER (WHERE status = 'terminal_failed')::int AS terminal,
                        -count(total_pages)::int AS listed, -coalesce(sum(total_pages), 0)::bigint AS pages
                 FROM old_rows GROUP BY job_id LOOP
            PERFORM ocrbatch_add_task_change(c.job_id, c.tasks, c.pending, c.running, c.done,
                                             c.retryable, c.terminal, c.listed, c.pages, false);
        END LOOP;
    ELSE
        FOR c IN SELECT job_id, sum(sign)::int AS tasks,
                        sum(sign * (status = 'pending')::int)::int AS pending,
                        sum(sign * (status = 'running')::int)::int AS running,
                        sum(sign * (status = 'done')::int)::int AS done,
                        sum(sign * (status = 'retryable_failed')::int)::int AS retryable,
                        sum(sign * (status = 'terminal_failed')::int)::int AS terminal,
                        sum(sign * (total_pages IS NOT NULL)::int)::int AS listed,
                        coalesce(sum(sign * total_pages), 0)::bigint AS pages,
                        coalesce(bool_or(ended), false) AS ended
                 FROM (SELECT n.job_id, 1 AS sign, n.status, n.total_pages,
                              n.status IN ('done', 'retryable_failed', 'terminal_failed')
                                  AND n.status IS DISTINCT FROM o.status AS ended
                       FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
                       UNION ALL
                       SELECT job_id, -1, status, total_pages, false FROM old_rows) r
                 GROUP BY job_id LOOP
            PERFORM ocrbatch_add_task_change(c.job_id, c.tasks, c.pending, c.running, c.done,
                                             c.retryable, c.terminal, c.listed, c.pages, c.ended);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tasks_progress_insert AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ocrbatch_tasks_progress();
CREATE TRIGGER tasks_progress_update AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ocrbatch_tasks_progress();
CREATE TRIGGER tasks_progress_delete AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ocrbatch_tasks_progress();
