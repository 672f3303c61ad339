package io.ocrbatch.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * The one Prometheus registry of a process and what feeds it: the Temporal SDK (through its
 * Micrometer reporter: poll latencies, schedule-to-start, activity failures, sticky cache) and the
 * JVM. Spring's actuator (in {@code server}/{@code dev}) exports the same registry.
 */
public final class ProcessMetrics {
  /** How often the SDK's tally scope hands its counts to Micrometer. */
  private static final com.uber.m3.util.Duration TEMPORAL_REPORT_INTERVAL =
      com.uber.m3.util.Duration.ofSeconds(1);

  private ProcessMetrics() {}

  /**
   * A registry reporting the JVM's memory, GC, threads, classes, CPU and uptime (Spring does not
   * bind those to a registry it did not create).
   */
  public static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindJvm(registry);
    return registry;
  }

  private static void bindJvm(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The scope to give {@code WorkflowServiceStubsOptions.setMetricsScope}. */
  public static Scope temporalScope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(TEMPORAL_REPORT_INTERVAL);
  }
}
