-- A task whose results cannot be written (a full disk, an unwritable folder or S3 prefix) holds
-- them and waits: why and since when, for `job status` and the API; cleared when a write goes
-- through, when the task ends and when its job is restarted.
ALTER TABLE tasks ADD COLUMN held_reason text;
ALTER TABLE tasks ADD COLUMN held_since timestamptz;
CREATE INDEX tasks_job_held_idx ON tasks (job_id) WHERE held_reason IS NOT NULL;

-- A page that failed for a reason outside its image (the image is missing from the archive,
-- forbidden, archived, unreadable): its volume is not complete, and the next attempt, a restart or
-- a later run OCRs it again. A page that failed for its image's sake (undecodable, over the
-- limits) keeps redo = false and is not tried again by its task.
ALTER TABLE page_metrics ADD COLUMN redo boolean NOT NULL DEFAULT false;
