-- The pipeline registry: every pipeline job's steps (source, ocr, sync_ocr, any name a caller
-- records), the volumes each step covered, and the order steps were recorded in.
-- A pipeline job's id is the OCR job's key, or a timestamp (2026-01-01_21-45-14) for a job that
-- did not start with an OCR job. job_registry/{job_id}.json files are the portable copy of these
-- rows (`pipeline rebuild` restores the rows from them).

CREATE TABLE pipeline_jobs (
    job_id        text PRIMARY KEY,
    source_job_id text,
    results_root  text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipeline_jobs_created_idx ON pipeline_jobs (created_at DESC, job_id DESC);

CREATE TABLE pipeline_steps (
    job_id             text NOT NULL REFERENCES pipeline_jobs (job_id) ON DELETE CASCADE,
    step               text NOT NULL,
    status             text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    source_job_id      text,
    volumes_total      int NOT NULL DEFAULT 0,
    volumes_successful int NOT NULL DEFAULT 0,
    volumes_failed     int NOT NULL DEFAULT 0,
    config             jsonb NOT NULL DEFAULT '{}',
    metadata           jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (job_id, step)
);
CREATE INDEX pipeline_steps_step_idx ON pipeline_steps (step, status);

-- One row per volume a step covered: `pipeline find VOLUME` is an index lookup, and a job of
-- 100,000 volumes keeps no giant list in one row.
CREATE TABLE pipeline_coverage (
    job_id text NOT NULL,
    step   text NOT NULL,
    volume text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
    PRIMARY KEY (job_id, step, volume),
    FOREIGN KEY (job_id, step) REFERENCES pipeline_steps (job_id, step) ON DELETE CASCADE
);
CREATE INDEX pipeline_coverage_volume_idx ON pipeline_coverage (volume);

CREATE TABLE pipeline_trace (
    id          bigserial PRIMARY KEY,
    job_id      text NOT NULL REFERENCES pipeline_jobs (job_id) ON DELETE CASCADE,
    step        text NOT NULL,
    status      text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipeline_trace_job_idx ON pipeline_trace (job_id, id);
