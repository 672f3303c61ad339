-- Tibetan job types read pechas line by line: the tesseract-lines engine finds the lines (frame
-- and margins left out) and Tesseract reads each alone. On the shared OpenPecha pages this gives
-- 38.7 % CER where reading the page as one block (PSM 6) gave 65 %; synthetic pages are no worse.
-- Only rows still as V1 made them change: a site that edited them keeps its choice.
UPDATE job_types SET engine = 'tesseract-lines'
 WHERE name IN ('tesseract-bod-unicode', 'tesseract-bod-wylie')
   AND engine = 'tesseract' AND model = 'bod' AND line_mode = 'block';
