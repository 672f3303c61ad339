package io.ocrbatch.workflows;

/** ApplicationFailure types the workflows and activities agree on. */
public final class FailureTypes {
  /** The volume cannot be processed however often it is tried (missing, unreadable, empty). */
  public static final String VOLUME_NOT_PROCESSABLE = "VolumeNotProcessable";

  private FailureTypes() {}
}
