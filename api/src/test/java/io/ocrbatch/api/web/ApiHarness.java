package io.ocrbatch.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.api.access.CallbackTargets;
import io.ocrbatch.api.access.HttpRoots;
import io.ocrbatch.api.intake.IntakeSettings;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.ocrbatch.workflows.RetrySettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The API as users meet it: the real server on a free port, over a fresh PostgreSQL database, an
 * in-process Temporal service and a worker OCRing with Tesseract; requests go over real HTTP.
 */
final class ApiHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final RetrySettings FAST_RETRY = new RetrySettings(3, 3, 200, 30_000);

  final TestDatabases.Fresh db;
  final TestWorkflowEnvironment temporal;
  final OcrWorker worker;
  final JobService jobs;
  final ApiServer server;
  final Path data;
  final OkHttpClient http = new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();
  String token;

  /**
   * Tests call back hooks they run on loopback; {@link #withStrictCallbacks} keeps the production
   * policy.
   */
  static final CallbackTargets LOOPBACK_HOOKS = CallbackTargets.allowing("127.0.0.1");

  private ApiHarness(Path data, UnaryOperator<ApiSettings> tweak, boolean temporalReachable) {
    this(
        data,
        tweak,
        temporalReachable,
        StorageSettings.from(java.util.Map.of()),
        null,
        LOOPBACK_HOOKS);
  }

  private ApiHarness(
      Path data,
      UnaryOperator<ApiSettings> tweak,
      boolean temporalReachable,
      StorageSettings storage,
      IntakeSettings intake,
      CallbackTargets callbacks) {
    this.data = data;
    db = TestDatabases.fresh();
    var store = io.ocrbatch.activities.statusdb.StatusStore.over(db.database().jdbc());
    WorkflowClient client;
    if (temporalReachable) {
      temporal =
          TestWorkflowEnvironment.newInstance(
              TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
      client = temporal.getWorkflowClient();
      worker =
          new OcrWorker(
                  client,
                  store,
                  WorkerSettings.defaults("api-test").withCpuSlots(2).withStorage(storage))
              .start();
    } else { // a Temporal address where nothing listens
      temporal = null;
      worker = null;
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + freePort())
                  .setRpcTimeout(Duration.ofSeconds(2))
                  .build());
      client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
    }
    jobs =
        new JobService(
            client,
            store,
            FAST_RETRY,
            Clock.systemDefaultZone(),
            new VolumeResolver(new Storage(storage)),
            callbacks);
    // test volumes live beside the server's data folder, in the test's temporary folder
    HttpRoots roots =
        HttpRoots.of(
            List.of(
                data.toAbsolutePath().getParent().toString(),
                Path.of("").toAbsolutePath().toString()));
    server =
        ApiServer.start(jobs, tweak.apply(ApiSettings.defaults(0, data).withRoots(roots)), intake);
  }

  /**
   * With S3 (and the BDRC archive) reached through {@code storage}, and an SQS intake when given.
   */
  static ApiHarness withAws(Path data, StorageSettings storage, IntakeSettings intakeOrNull) {
    return new ApiHarness(data, s -> s, true, storage, intakeOrNull, LOOPBACK_HOOKS);
  }

  /** Callbacks under the policy a server has by default: public addresses only. */
  static ApiHarness withStrictCallbacks(Path data, CallbackTargets callbacks) {
    return new ApiHarness(
        data, s -> s, true, StorageSettings.from(java.util.Map.of()), null, callbacks);
  }

  static ApiHarness start(Path data) {
    return new ApiHarness(data, s -> s, true);
  }

  static ApiHarness start(Path data, UnaryOperator<ApiSettings> tweak) {
    return new ApiHarness(data, tweak, true);
  }

  /**
   * With the roots a server has by default: the working folder and its data folder (the test's
   * other temporary folders lie outside).
   */
  static ApiHarness withServerRoots(Path data) {
    return start(
        data, s -> s.withRoots(HttpRoots.defaults(Path.of("").toAbsolutePath(), s.dataDir())));
  }

  static ApiHarness withUnreachableTemporal(Path data) {
    return new ApiHarness(data, s -> s, false);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String url(String path) {
    return server.url() + path;
  }

  /** A response read whole: status, body text, and the body as JSON when it is JSON. */
  record Reply(int status, String body, byte[] bytes, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
      }
    }
  }

  Reply send(Request.Builder request) {
    if (token != null) request.header("Authorization", "Bearer " + token);
    try (Response r = http.newCall(request.build()).execute()) {
      byte[] bytes = r.body() == null ? new byte[0] : r.body().bytes();
      return new Reply(
          r.code(),
          new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
          bytes,
          r.header("Content-Type", ""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Reply get(String path) {
    return send(new Request.Builder().url(url(path)));
  }

  Reply post(String path, String json) {
    return send(
        new Request.Builder()
            .url(url(path))
            .post(RequestBody.create(json, MediaType.get("application/json"))));
  }

  Reply postEmpty(String path) {
    return send(new Request.Builder().url(url(path)).post(RequestBody.create(new byte[0])));
  }

  /** A multipart upload of files (name, bytes) in field {@code field}. */
  Reply upload(String path, String field, Object... nameThenBytes) {
    MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (int i = 0; i < nameThenBytes.length; i += 2) {
      body.addFormDataPart(
          field,
          (String) nameThenBytes[i],
          RequestBody.create(
              (byte[]) nameThenBytes[i + 1], MediaType.get("application/octet-stream")));
    }
    return send(new Request.Builder().url(url(path)).post(body.build()));
  }

  /**
   * Submits a job (not over HTTP) whose one volume folder does not exist: it fails at once, with no
   * pages and the reason in its recent errors.
   */
  String submitJobWithMissingVolume(String jobKey) {
    Path missing = data.resolve("missing-volumes").resolve(jobKey);
    jobs.submit(
        new io.ocrbatch.api.JobRequest(
            "tesseract-eng",
            java.util.List.of(
                new io.ocrbatch.workflows.VolumeRef(jobKey, missing.toUri().toString())),
            jobKey,
            data.resolve("results").toString(),
            1,
            200));
    return jobKey;
  }

  /**
   * Polls GET {@code path} until {@code field} equals one of {@code values}; returns the last
   * reply.
   */
  JsonNode awaitField(String path, String field, Duration timeout, String... values)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      last = get(path).json();
      for (String v : values) if (v.equals(last.path(field).asText())) return last;
      Thread.sleep(200);
    }
    throw new AssertionError(
        "timed out waiting for "
            + field
            + " in "
            + java.util.Arrays.toString(values)
            + " at "
            + path
            + "; last: "
            + last);
  }

  @Override
  public void close() {
    server.close();
    if (worker != null) worker.close();
    if (temporal != null) temporal.close();
    db.close();
  }
}
