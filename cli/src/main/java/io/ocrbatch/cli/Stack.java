package io.ocrbatch.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.DatabaseStartup;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.worker.metrics.ProcessMetrics;
import io.ocrbatch.workflows.RetrySettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The parts a command runs on, opened on demand and closed in reverse order: the status database
 * (external or embedded), the Temporal client, the job service.
 */
final class Stack implements AutoCloseable {
  private final StackOptions options;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private Database database;
  private WorkflowClient client;
  private Storage storage;
  private RetrySettings retry = RetrySettings.defaults();
  private boolean mayCreateDataFolder = true;
  private boolean adoptsOrphans = true;
  private Waiting waiting; // null: fail at once when the database or Temporal does not answer
  private PrometheusMeterRegistry metrics;
  private EmbeddedDatabase embedded;

  /** A starting worker waits for what does not answer yet, until it is told to stop. */
  private record Waiting(String who, BooleanSupplier stopped) {}

  Stack(StackOptions options) {
    this.options = options;
  }

  /**
   * For client commands: uses an existing status database, never starts a new one in ./data
   * unasked.
   */
  static Stack forClient(StackOptions options) {
    Stack stack = new Stack(options);
    stack.mayCreateDataFolder = false;
    stack.adoptsOrphans = false;
    return stack;
  }

  /**
   * For a worker joining others: waits (with {@code health:} lines) while its status database or
   * Temporal does not answer, and attaches to an embedded database without taking it over.
   */
  static Stack forWorker(StackOptions options, String who, BooleanSupplier stopped) {
    Stack stack = new Stack(options);
    stack.adoptsOrphans = false;
    stack.waiting = new Waiting(who, stopped);
    return stack;
  }

  Stack withRetry(RetrySettings retry) {
    this.retry = retry;
    return this;
  }

  /**
   * Reports Temporal's client and worker metrics and the database pool to {@code registry}; call
   * before anything connects.
   */
  Stack withMetrics(PrometheusMeterRegistry registry) {
    this.metrics = registry;
    return this;
  }

  /** The metrics registry given by {@link #withMetrics}, if any. */
  Optional<PrometheusMeterRegistry> metrics() {
    return Optional.ofNullable(metrics);
  }

  /** Service stub options for {@code target}, reporting to the metrics registry if there is one. */
  WorkflowServiceStubsOptions.Builder stubOptions(String target) {
    return stubOptions().setTarget(target);
  }

  /** Service stub options without a target (for a channel of one's own), with the metrics. */
  WorkflowServiceStubsOptions.Builder stubOptions() {
    WorkflowServiceStubsOptions.Builder builder = WorkflowServiceStubsOptions.newBuilder();
    if (metrics != null) builder.setMetricsScope(own(ProcessMetrics.temporalScope(metrics)));
    return builder;
  }

  <T extends AutoCloseable> T own(T resource) {
    opened.push(resource);
    return resource;
  }

  Database database() {
    if (database == null) {
      String url = options.dbUrlOrNull();
      if (url == null) {
        requireDataFolder();
        embedded =
            own(
                adoptsOrphans
                    ? EmbeddedDatabase.startOrAttach(options.dataDir(), options.dbPortOrNull())
                    : EmbeddedDatabase.attach(options.dataDir(), options.dbPortOrNull()));
        url = embedded.jdbcUrl();
      }
      database =
          own(
              waiting == null
                  ? Database.connect(url, null, null, 16)
                  : DatabaseStartup.connect(url, null, null, 16, waiting.who(), waiting.stopped()));
      if (metrics != null) database.reportPoolTo(metrics);
    }
    return database;
  }

  /** The embedded database this command runs on, if it runs on one (after {@link #database}). */
  Optional<EmbeddedDatabase> embedded() {
    return Optional.ofNullable(embedded);
  }

  private void requireDataFolder() {
    java.nio.file.Path pg = options.dataDir().resolve("pg");
    if (mayCreateDataFolder || options.dataFolderNamed() || java.nio.file.Files.isDirectory(pg))
      return;
    throw new IllegalStateException(
        "no ocrbatch status database in "
            + options.dataDir().toAbsolutePath()
            + " (no `dev` has run in this folder):"
            + " give --server URL of a running `dev`/`server`, --db-url of its PostgreSQL, or --data of its data folder");
  }

  StatusStore store() {
    return StatusStore.over(database().jdbc());
  }

  /** A client of the Temporal at --temporal; fails fast with a hint when nothing answers there. */
  WorkflowClient client() {
    if (client == null) {
      String target = options.temporalTarget();
      useTemporal(
          waiting == null
              ? connect(stubOptions(target), target)
              : TemporalStartup.connect(
                  () -> stubOptions(target).build(), target, waiting.who(), waiting.stopped()));
    }
    return client;
  }

  /**
   * A client that connects on first use instead of now: a server keeps answering while Temporal is
   * away (its requests that need Temporal get 503) and reconnects when it is back.
   */
  WorkflowClient lazyClient() {
    if (client == null) {
      useTemporal(
          WorkflowServiceStubs.newServiceStubs(
              stubOptions(options.temporalTarget()).setRpcTimeout(Duration.ofSeconds(10)).build()));
    }
    return client;
  }

  /** Uses an already opened Temporal connection (the embedded one). */
  void useTemporal(WorkflowServiceStubs stubs) {
    own(stubs::shutdown);
    client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder().setNamespace(options.temporalNamespace()).build());
  }

  /** Whether a {@code host:port} target names this machine (a loopback address). */
  static boolean onThisMachine(String target) {
    try {
      return InetAddress.getByName(host(target)).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether something accepts connections at a {@code host:port} target now. */
  static boolean listening(String target) {
    int colon = target.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(host(target), Integer.parseInt(target.substring(colon + 1))),
          2_000);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String host(String target) {
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? target : target.substring(0, colon);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static WorkflowServiceStubs connect(
      WorkflowServiceStubsOptions.Builder options, String target) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(options.build(), Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot reach Temporal at "
              + target
              + ": start `bin/ocrbatch dev`, or point --temporal /"
              + " OCRBATCH_TEMPORAL_TARGET at a running Temporal frontend",
          e);
    }
  }

  /**
   * S3 and the BDRC archive as the environment configures them (the client is made on first use).
   */
  Storage storage() {
    if (storage == null) storage = own(new Storage(StorageSettings.fromEnvironment()));
    return storage;
  }

  JobService jobs() {
    return new JobService(
        client(), store(), retry, Clock.systemDefaultZone(), new VolumeResolver(storage()));
  }

  @Override
  public void close() {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        System.err.println("warning: shutting down: " + e.getMessage());
      }
    }
  }
}
