package io.ocrbatch.workflows;

/** A volume to OCR: its id (also its output folder name) and where its page images live. */
public record VolumeRef(String volumeId, String sourceUri) {}
