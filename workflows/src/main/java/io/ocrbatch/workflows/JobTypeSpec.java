package io.ocrbatch.workflows;

import java.util.List;

/**
 * A named OCR configuration: which engine, model and language, how text is encoded and written, and
 * the task queue its pages go to ({@link TaskQueues#OCR_CPU} or {@link TaskQueues#OCR_GPU}): the
 * engine's provider sets it, so workflows route pages without knowing engines.
 */
public record JobTypeSpec(
    long id,
    String name,
    String engine,
    String model,
    String language,
    String encoding,
    String lineMode,
    List<String> outputFormats,
    String queue) {

  /**
   * A job type whose queue is not known yet (set by the engine registry when it is validated or
   * loaded).
   */
  public JobTypeSpec(
      long id,
      String name,
      String engine,
      String model,
      String language,
      String encoding,
      String lineMode,
      List<String> outputFormats) {
    this(id, name, engine, model, language, encoding, lineMode, outputFormats, null);
  }

  /** The same job type routed to {@code queue}. */
  public JobTypeSpec withQueue(String queue) {
    return new JobTypeSpec(
        id, name, engine, model, language, encoding, lineMode, outputFormats, queue);
  }

  /**
   * The OCR queue of its pages; the CPU queue when none was set (histories from before the field).
   */
  public String ocrQueue() {
    return queue == null ? TaskQueues.OCR_CPU : queue;
  }
}
