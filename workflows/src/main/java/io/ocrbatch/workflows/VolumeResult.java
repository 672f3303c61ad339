package io.ocrbatch.workflows;

/** How a volume's task ended. */
public record VolumeResult(
    long taskId,
    String volumeId,
    TaskStatus status,
    int pages,
    ChunkResult pageCounts,
    String error) {

  public static VolumeResult done(long taskId, String volumeId, int pages, ChunkResult counts) {
    return new VolumeResult(taskId, volumeId, TaskStatus.DONE, pages, counts, null);
  }

  public static VolumeResult failed(long taskId, String volumeId, TaskStatus status, String error) {
    return new VolumeResult(taskId, volumeId, status, 0, ChunkResult.EMPTY, error);
  }
}
