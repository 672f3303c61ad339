-- Counts that say what happened to a job's pages: OCRed ok, failed, or skipped because an earlier
-- job had done them (a volume found complete: its success.json). A job re-created over done
-- volumes showed "45/60 done (75.0%)" at its end; now it shows 45 ok, 15 skipped.
--
--   tasks.skipped_pages         pages of a done task that have no page row of this task: found done
--   job_progress.pages_skipped  their sum per job, kept by the trigger below (statement level, as V9)
--
-- And the outcome rule (io.ocrbatch.workflows.Outcome) for jobs that ended before it: a job whose
-- pages all failed (none ok, none skipped) is failed, not completed.

ALTER TABLE tasks ADD COLUMN skipped_pages int NOT NULL DEFAULT 0;
ALTER TABLE job_progress ADD COLUMN pages_skipped bigint NOT NULL DEFAULT 0;

-- Done tasks of the past: their pages without a row were found done.
UPDATE tasks t SET skipped_pages = s.skipped
FROM (SELECT x.id, x.total_pages - coalesce(m.total_pages, 0) AS skipped
      FROM tasks x LEFT JOIN task_metrics m ON m.task_id = x.id
      WHERE x.status = 'done' AND x.total_pages > coalesce(m.total_pages, 0)) s
WHERE t.id = s.id;

UPDATE job_progress g SET pages_skipped = s.skipped
FROM (SELECT job_id, sum(skipped_pages) AS skipped FROM tasks WHERE skipped_pages > 0 GROUP BY job_id) s
WHERE g.job_id = s.job_id;

UPDATE jobs j SET status = 'failed'
FROM job_progress g
WHERE g.job_id = j.id AND j.status = 'completed'
  AND g.pages_failed > 0 AND g.pages_ok = 0 AND g.pages_skipped = 0;

-- Rows counted +1 as they are after the statement and -1 as they were before it, summed per job.
CREATE FUNCTION ocrbatch_tasks_skipped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN NULL; END IF; -- its job is being deleted
    IF TG_OP = 'INSERT' THEN
        UPDATE job_progress g SET pages_skipped = g.pages_skipped + d.n
        FROM (SELECT job_id, sum(skipped_pages) AS n FROM new_rows WHERE skipped_pages <> 0 GROUP BY job_id) d
        WHERE g.job_id = d.job_id;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE job_progress g SET pages_skipped = g.pages_skipped - d.n
        FROM (SELECT job_id, sum(skipped_pages) AS n FROM old_rows WHERE skipped_pages <> 0 GROUP BY job_id) d
        WHERE g.job_id = d.job_id;
    ELSE
        UPDATE job_progress g SET pages_skipped = g.pages_skipped + d.n
        FROM (SELECT n.job_id, sum(n.skipped_pages - o.skipped_pages) AS n
              FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE n.skipped_pages <> o.skipped_pages GROUP BY n.job_id) d
        WHERE g.job_id = d.job_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tasks_skipped_insert AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ocrbatch_tasks_skipped();
CREATE TRIGGER tasks_skipped_update AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ocrbatch_tasks_skipped();
CREATE TRIGGER tasks_skipped_delete AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ocrbatch_tasks_skipped();
