package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.api.access.CallbackTargets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks cannot be pointed at the server's own network. Every listener here is on loopback;
 * other ranges are covered by {@code CallbackTargetsTest} without any traffic.
 */
class CallbackSafetyTest {
  @TempDir Path data;
  private HttpServer hook;
  private HttpServer target;
  private final AtomicInteger hookCalls = new AtomicInteger();
  private final AtomicInteger targetCalls = new AtomicInteger();

  @BeforeEach
  void listen() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/",
        exchange -> {
          targetCalls.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    target.start();
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/",
        exchange -> {
          hookCalls.incrementAndGet();
          exchange
              .getResponseHeaders()
              .add("Location", "http://127.0.0.1:" + target.getAddress().getPort() + "/elsewhere");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    hook.start();
  }

  @AfterEach
  void stop() {
    hook.stop(0);
    target.stop(0);
  }

  private byte[] pdf() throws Exception {
    SamplePdf.writeEnglish(data.resolve("a.pdf"), 1);
    return Files.readAllBytes(data.resolve("a.pdf"));
  }

  @Test
  void loopbackCallbacksAreRefusedAtSubmissionByDefault() throws Exception {
    try (ApiHarness api =
        ApiHarness.withStrictCallbacks(data.resolve("server"), CallbackTargets.allowing(null))) {
      String hookUrl = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
      ApiHarness.Reply json =
          api.post(
              "/api/jobs",
              "{\"job_type\": \"tesseract-eng\", \"folder\": \"x\", \"callback_url\": \""
                  + hookUrl
                  + "\"}");
      assertThat(json.status()).isIn(400, 403);
      ApiHarness.Reply upload =
          api.upload(
              "/api/jobs?job_type=tesseract-eng&callback_url=" + hookUrl, "files", "a.pdf", pdf());
      assertThat(upload.status()).isEqualTo(400);
      assertThat(upload.json().path("detail").asText())
          .contains("resolves to 127.0.0.1, a loopback address", "OCRBATCH_CALLBACK_ALLOW");
      ApiHarness.Reply metadata =
          api.upload(
              "/api/jobs?job_type=tesseract-eng&callback_url=http://169.254.169.254/latest/",
              "files",
              "a.pdf",
              pdf());
      assertThat(metadata.json().path("detail").asText()).contains("link-local");
      assertThat(api.get("/api/jobs").json()).isEmpty();
    }
    assertThat(hookCalls.get()).isZero();
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    try (ApiHarness api =
        ApiHarness.withStrictCallbacks(
            data.resolve("server"), CallbackTargets.allowing("127.0.0.1"))) {
      String key = uploadCalling(api, "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
      String error = awaitCallbackError(api, key);
      assertThat(error).contains("HTTP 302", "redirects are not followed");
    }
    assertThat(hookCalls.get()).isPositive();
    assertThat(targetCalls.get()).as("the redirect's target").isZero();
  }

  @Test
  void aNameThatResolvesElsewhereWhenTheCallbackIsSentIsRefusedThen() throws Exception {
    // accepted while "hook.test" resolves to 127.0.0.2 (allowed); by the time the job ends it
    // resolves to 127.0.0.1
    AtomicInteger lookups = new AtomicInteger();
    CallbackTargets rebinding =
        CallbackTargets.allowing(
            "127.0.0.2",
            host ->
                new InetAddress[] {
                  InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")
                });
    try (ApiHarness api = ApiHarness.withStrictCallbacks(data.resolve("server"), rebinding)) {
      String key =
          uploadCalling(api, "http://hook.test:" + target.getAddress().getPort() + "/hook");
      assertThat(awaitCallbackError(api, key))
          .contains("resolves to 127.0.0.1, a loopback address");
    }
    assertThat(targetCalls.get()).isZero();
  }

  @Test
  void theCallbackConnectsToTheAddressCheckedWhenItIsSentWithNoSecondLookup() throws Exception {
    // the name resolves to the allowed 127.0.0.1 at submission and when the callback is checked;
    // any further lookup would answer 127.0.0.3, which the policy refuses
    AtomicInteger lookups = new AtomicInteger();
    CallbackTargets onceMore =
        CallbackTargets.allowing(
            "127.0.0.1",
            host ->
                new InetAddress[] {
                  InetAddress.getByName(lookups.getAndIncrement() < 2 ? "127.0.0.1" : "127.0.0.3")
                });
    try (ApiHarness api = ApiHarness.withStrictCallbacks(data.resolve("server"), onceMore)) {
      String key =
          uploadCalling(api, "http://hook.test:" + target.getAddress().getPort() + "/hook");
      long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (targetCalls.get() == 0 && System.nanoTime() < end) Thread.sleep(100);
      assertThat(targetCalls.get()).as("callbacks received for " + key).isEqualTo(1);
    }
    assertThat(lookups).as("name lookups: at submission, and once when sent").hasValue(2);
  }

  /** Uploads a one-page PDF whose job calls {@code callbackUrl} back; returns the job's key. */
  private String uploadCalling(ApiHarness api, String callbackUrl) throws Exception {
    return api.upload(
            "/api/jobs?job_type=tesseract-eng&dpi=100&callback_url=" + callbackUrl,
            "files",
            "a.pdf",
            pdf())
        .json()
        .path("job_key")
        .asText();
  }

  private static String awaitCallbackError(ApiHarness api, String key) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      var error =
          api.db
              .database()
              .jdbc()
              .queryOne(
                  "SELECT callback_error FROM jobs WHERE job_key = ? AND callback_error IS NOT NULL",
                  rs -> rs.getString(1),
                  key);
      if (error.isPresent()) return error.get();
      Thread.sleep(200);
    }
    throw new AssertionError("no callback attempt recorded for " + key);
  }
}
