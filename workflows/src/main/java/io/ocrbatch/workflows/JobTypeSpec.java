package io.ocrbatch.workflows;

import java.util.List;

/** A named OCR configuration: which engine, model and language, how text is encoded and written. */
public record JobTypeSpec(
    long id,
    String name,
    String engine,
    String model,
    String language,
    String encoding,
    String lineMode,
    List<String> outputFormats) {}
