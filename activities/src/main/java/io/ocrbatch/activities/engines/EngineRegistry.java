package io.ocrbatch.activities.engines;

import io.ocrbatch.activities.ocr.EngineProvider;
import io.ocrbatch.activities.ocr.EngineUnavailableException;
import io.ocrbatch.activities.ocr.FieldRules;
import io.ocrbatch.activities.ocr.bdrc.BdrcProvider;
import io.ocrbatch.activities.ocr.nullengine.NullEngineProvider;
import io.ocrbatch.activities.ocr.paddle.PaddleProvider;
import io.ocrbatch.activities.ocr.tesseract.TesseractProvider;
import io.ocrbatch.activities.ocr.tesseractlines.TesseractLinesProvider;
import io.ocrbatch.workflows.JobTypeSpec;
import java.util.List;
import java.util.Optional;

/**
 * The OCR engines this build knows, one provider each: the one list the API, worker, CLI and
 * evaluate read.
 */
public final class EngineRegistry {
  /** The engine of a job type that names none (API, {@code job-type create}). */
  public static final String DEFAULT_ENGINE = TesseractProvider.ID;

  /** One line per engine (trailing commas: adding an engine adds one line). */
  private static final EngineProvider[] ENGINES = {
    new TesseractProvider(),
    new TesseractLinesProvider(),
    new PaddleProvider(),
    new BdrcProvider(),
    new NullEngineProvider(),
  };

  private static final List<EngineProvider> PROVIDERS = List.of(ENGINES);

  private EngineRegistry() {}

  public static List<EngineProvider> all() {
    return PROVIDERS;
  }

  public static Optional<EngineProvider> find(String id) {
    return PROVIDERS.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The provider of the job type's engine; EngineUnavailableException when this build has none. */
  public static EngineProvider of(JobTypeSpec type) {
    return find(type.engine())
        .orElseThrow(
            () ->
                new EngineUnavailableException(
                    "engine '"
                        + type.engine()
                        + "' of job type '"
                        + type.name()
                        + "' is not available on this worker"));
  }

  /** The engines' ids as a sentence: {@code tesseract, paddle or bdrc}. */
  public static String ids() {
    List<String> ids = PROVIDERS.stream().map(EngineProvider::id).toList();
    if (ids.size() == 1) return ids.get(0);
    return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
  }

  /**
   * The job type's engine-specific fields checked by its provider, with its queue set;
   * IllegalArgumentException naming what is wrong.
   */
  public static JobTypeSpec validate(JobTypeSpec type) {
    EngineProvider provider =
        find(type.engine())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "engine must be " + ids() + ", got " + FieldRules.quote(type.engine())));
    provider.validate(type);
    return type.withQueue(provider.queue());
  }

  /**
   * A job type read back (database, evaluate) with its engine's queue; unknown engines keep none.
   */
  public static JobTypeSpec routed(JobTypeSpec type) {
    return find(type.engine()).map(p -> type.withQueue(p.queue())).orElse(type);
  }
}
