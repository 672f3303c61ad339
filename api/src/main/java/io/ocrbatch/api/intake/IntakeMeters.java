package io.ocrbatch.api.intake;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The SQS intake's counts for Prometheus: {@code ocrbatch_sqs_messages_total{event}} with event
 * {@code received}, {@code deleted} (done with: accepted or set aside without a dead-letter queue),
 * {@code dead_lettered} (unreadable: moved aside), {@code deferred} (left for a later receive).
 */
public final class IntakeMeters {
  private IntakeMeters() {}

  public static void bind(SqsIntake intake, MeterRegistry registry) {
    counter(registry, intake, "received", s -> s.stats().received());
    counter(registry, intake, "deleted", s -> s.stats().deleted());
    counter(registry, intake, "dead_lettered", s -> s.stats().setAside());
    counter(registry, intake, "deferred", s -> s.stats().deferred());
  }

  private static void counter(
      MeterRegistry registry, SqsIntake intake, String event, ToDoubleFunction<SqsIntake> count) {
    FunctionCounter.builder("ocrbatch.sqs.messages", intake, count)
        .description("SQS intake messages by what became of them")
        .tag("event", event)
        .register(registry);
  }
}
