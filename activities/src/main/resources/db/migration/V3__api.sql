-- The REST API: a job's priority (Temporal priority key, 1 = most urgent … 5, default 3), a URL
-- told when the job ends, and the files uploaded through /ocr/submit.
ALTER TABLE jobs ADD COLUMN priority int NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5);
ALTER TABLE jobs ADD COLUMN callback_url text;
ALTER TABLE jobs ADD COLUMN callback_attempts int NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN callback_sent_at timestamptz;
ALTER TABLE jobs ADD COLUMN callback_error text;

CREATE TABLE uploads (
    job_id       bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    filename     text NOT NULL,
    folder       text NOT NULL,
    total_pages  int NOT NULL,
    dpi          int NOT NULL,
    model        text NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    expired_at   timestamptz
);
