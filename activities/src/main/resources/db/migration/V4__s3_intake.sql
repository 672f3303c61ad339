-- S3 and SQS: each page image's ETag, jobs that re-run existing results (--force), and rolling
-- intake jobs that SQS messages add volumes to.
ALTER TABLE page_metrics ADD COLUMN image_etag text;
ALTER TABLE jobs ADD COLUMN force boolean NOT NULL DEFAULT false;
ALTER TABLE jobs ADD COLUMN intake boolean NOT NULL DEFAULT false;
CREATE INDEX volumes_bdrc_idx ON volumes (bdrc_w_id, bdrc_i_id);
