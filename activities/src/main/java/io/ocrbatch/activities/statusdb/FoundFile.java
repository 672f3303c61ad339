package io.ocrbatch.activities.statusdb;

/**
 * A file drop-folder discovery or ingest found, before it is registered.
 *
 * @param format the supported format, or null when the file is recorded as skipped
 * @param skipReason why it is skipped, or null
 * @param fingerprint the ETag, or size and modification time: a different one means changed
 * @param priority 1 (most urgent) to 5
 */
public record FoundFile(
    String publisher,
    String fileName,
    String sourceUri,
    long size,
    String format,
    String skipReason,
    String fingerprint,
    int priority) {}
