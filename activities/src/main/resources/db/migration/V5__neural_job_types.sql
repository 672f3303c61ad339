-- Neural engines (DJL): PP-OCRv4 ships with ocrbatch; BDRC model directories are named by job types
-- created with `ocrbatch job-types create --engine bdrc --model Woodblock+PhotiLines ...`.
INSERT INTO job_types (name, engine, model, language, encoding, line_mode, description) VALUES
    ('paddle-en', 'paddle', 'ppocr-v4', 'en', 'unicode', 'auto', 'English, PaddleOCR PP-OCRv4 (DJL + ONNX Runtime; GPU where present)'),
    ('paddle-ch', 'paddle', 'ppocr-v4', 'ch', 'unicode', 'auto', 'Chinese and English, PaddleOCR PP-OCRv4 (DJL + ONNX Runtime; GPU where present)')
ON CONFLICT (name) DO NOTHING;
