package io.ocrbatch.api.intake;

import io.ocrbatch.activities.storage.StorageSettings;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SQS intake: which queue to long-poll, what to do with messages that cannot be understood, and
 * the job type and result root for BDRC messages that name none.
 *
 * @param onGarbage {@code dead-letter}: move an unparseable message to the queue's dead-letter
 *     queue (its RedrivePolicy, or {@code deadLetterUrl}); {@code delete}: delete it and log it
 *     with the reason; {@code auto}: dead-letter when the queue has one, else delete
 * @param waitSeconds long-poll wait, 1..20 (SQS's maximum is 20)
 */
public record IntakeSettings(
    String queueUrl,
    String onGarbage,
    String deadLetterUrl,
    String jobType,
    String output,
    int waitSeconds,
    StorageSettings aws) {

  public static final String DEFAULT_JOB_TYPE = "tesseract-bod-unicode";

  public IntakeSettings {
    onGarbage = onGarbage == null ? "auto" : onGarbage.toLowerCase(Locale.ROOT);
    if (!java.util.List.of("auto", "dead-letter", "delete").contains(onGarbage)) {
      throw new IllegalArgumentException(
          "OCRBATCH_SQS_ON_GARBAGE must be auto, dead-letter or delete, got '" + onGarbage + "'");
    }
    if (waitSeconds < 1 || waitSeconds > 20)
      throw new IllegalArgumentException("SQS wait must be 1..20 seconds");
  }

  /**
   * The intake configured by {@code OCRBATCH_SQS_QUEUE_URL} (none when unset), with {@code
   * OCRBATCH_SQS_ON_GARBAGE}, {@code OCRBATCH_SQS_DEAD_LETTER_URL}, {@code OCRBATCH_SQS_JOB_TYPE}
   * and {@code OCRBATCH_SQS_OUTPUT} (default {@code defaultOutput}).
   */
  public static Optional<IntakeSettings> fromEnvironment(
      Map<String, String> env, String queueUrlOrNull, String defaultOutput) {
    String queueUrl = queueUrlOrNull != null ? queueUrlOrNull : env.get("OCRBATCH_SQS_QUEUE_URL");
    if (queueUrl == null || queueUrl.isBlank()) return Optional.empty();
    return Optional.of(
        new IntakeSettings(
            queueUrl.strip(),
            env.get("OCRBATCH_SQS_ON_GARBAGE"),
            env.get("OCRBATCH_SQS_DEAD_LETTER_URL"),
            env.getOrDefault("OCRBATCH_SQS_JOB_TYPE", DEFAULT_JOB_TYPE),
            env.getOrDefault("OCRBATCH_SQS_OUTPUT", defaultOutput),
            20,
            StorageSettings.from(env)));
  }

  public IntakeSettings withWaitSeconds(int seconds) {
    return new IntakeSettings(queueUrl, onGarbage, deadLetterUrl, jobType, output, seconds, aws);
  }

  public IntakeSettings withOnGarbage(String policy) {
    return new IntakeSettings(queueUrl, policy, deadLetterUrl, jobType, output, waitSeconds, aws);
  }
}
