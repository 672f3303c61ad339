-- Cancellation is a flag the page activities read between pages (not Temporal activity
-- cancellation, which Temporal's in-process service can wedge on: sdk-java issue 2391).
ALTER TABLE jobs ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
