package io.ocrbatch.activities.statusdb;

/** The status store's parts over one connection pool (and the pool, for stores beside it). */
public record StatusStore(
    JobTypeStore jobTypes,
    JobStore jobs,
    TaskStore tasks,
    PageRowStore pageRows,
    JobProgressStore progress,
    QueueStore queue,
    UploadStore uploads,
    FileRegistry files,
    DatabaseHealth health,
    Jdbc jdbc) {

  public static StatusStore over(Jdbc jdbc) {
    return new StatusStore(
        new JobTypeStore(jdbc),
        new JobStore(jdbc),
        new TaskStore(jdbc),
        new PageRowStore(jdbc),
        new JobProgressStore(jdbc),
        new QueueStore(jdbc),
        new UploadStore(jdbc),
        new FileRegistry(jdbc),
        jdbc.health(),
        jdbc);
  }
}
