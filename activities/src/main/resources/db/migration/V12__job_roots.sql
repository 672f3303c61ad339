-- Where a job submitted over HTTP may read and write: the server's input and output roots when it
-- was submitted. Workers judge every file by its real path against them when they use it, so a
-- symbolic link (or a folder swapped for one after submission) cannot lead a job outside. NULL:
-- a job of the server's own user (the CLI), not confined.
ALTER TABLE jobs ADD COLUMN input_roots text[];
ALTER TABLE jobs ADD COLUMN output_roots text[];
