-- Status views read by the CLI, the API, dashboards and SQL users (BDRC-compatible names).

CREATE TABLE job_types (
    id             bigserial PRIMARY KEY,
    name           text NOT NULL UNIQUE,
    engine         text NOT NULL,
    model          text NOT NULL,
    language       text NOT NULL,
    encoding       text NOT NULL DEFAULT 'unicode' CHECK (encoding IN ('unicode', 'wylie')),
    line_mode      text NOT NULL DEFAULT 'block' CHECK (line_mode IN ('block', 'line', 'auto')),
    output_formats text NOT NULL DEFAULT 'txt,json',
    description    text,
    created_at     timestamptz NOT NULL DEFAULT now()
);

INSERT INTO job_types (name, engine, model, language, encoding, line_mode, description) VALUES
    ('tesseract-eng', 'tesseract', 'eng', 'eng', 'unicode', 'auto', 'English, Tesseract 5 LSTM'),
    ('tesseract-bod-unicode', 'tesseract', 'bod', 'bod', 'unicode', 'block', 'Tibetan, Unicode output'),
    ('tesseract-bod-wylie', 'tesseract', 'bod', 'bod', 'wylie', 'block', 'Tibetan, Wylie (EWTS) output');

CREATE TABLE jobs (
    id               bigserial PRIMARY KEY,
    job_key          text NOT NULL UNIQUE,
    type_id          bigint NOT NULL REFERENCES job_types (id),
    status           text NOT NULL DEFAULT 'created'
                     CHECK (status IN ('created', 'running', 'paused', 'completed', 'failed', 'canceled')),
    output_root      text NOT NULL,
    concurrency      int NOT NULL DEFAULT 4,
    dpi              int NOT NULL DEFAULT 300,
    pages_per_chunk  int NOT NULL DEFAULT 10,
    max_attempts     int NOT NULL DEFAULT 3,
    total_tasks      int NOT NULL DEFAULT 0,
    done_tasks       int NOT NULL DEFAULT 0,
    failed_tasks     int NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    last_progress_at timestamptz
);
CREATE INDEX jobs_status_idx ON jobs (status, created_at DESC);

CREATE TABLE volumes (
    id             bigserial PRIMARY KEY,
    source_uri     text NOT NULL UNIQUE,
    volume_name    text NOT NULL,
    bdrc_w_id      text,
    bdrc_i_id      text,
    version_name   text,
    manifest_etag  text,
    nb_images      int,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
    id            bigserial PRIMARY KEY,
    job_id        bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    volume_id     bigint NOT NULL REFERENCES volumes (id),
    status        text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'running', 'done', 'retryable_failed', 'terminal_failed')),
    attempts      int NOT NULL DEFAULT 0,
    max_attempts  int NOT NULL DEFAULT 3,
    total_pages   int,
    started_at    timestamptz,
    done_at       timestamptz,
    output_prefix text,
    last_error    text,
    last_error_at timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, volume_id)
);
CREATE INDEX tasks_job_status_idx ON tasks (job_id, status);

CREATE TABLE task_metrics (
    task_id                  bigint PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    total_pages              int NOT NULL DEFAULT 0,
    successful_pages         int NOT NULL DEFAULT 0,
    failed_pages             int NOT NULL DEFAULT 0,
    total_duration_ms        bigint NOT NULL DEFAULT 0,
    avg_duration_per_page_ms double precision,
    total_lines_detected     int NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE page_metrics (
    id             bigserial PRIMARY KEY,
    task_id        bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    image_name     text NOT NULL,
    status         text NOT NULL CHECK (status IN ('ok', 'failed')),
    duration_ms    bigint NOT NULL DEFAULT 0,
    lines_detected int NOT NULL DEFAULT 0,
    confidence     real,
    error          text,
    worker         text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (task_id, image_name)
);
CREATE INDEX page_metrics_created_idx ON page_metrics (created_at);
