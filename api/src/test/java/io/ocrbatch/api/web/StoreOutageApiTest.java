package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.fault.StoreUnavailableException;
import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.access.HttpRoots;
import io.ocrbatch.workflows.VolumeRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status database is unreachable (a TCP proxy in front of a real PostgreSQL is cut) while a job
 * is submitted: the server answers 503 with a retry hint, never 409 Conflict.
 */
class StoreOutageApiTest {
  @TempDir Path data;

  @Test
  void aDatabaseOutageDuringSubmitAnswers503WithARetryHint() throws Exception {
    Path folder = data.resolve("volumes");
    SamplePdf.writeEnglish(folder.resolve("v1").resolve("book.pdf"), 1);
    try (var db = TestDatabases.fresh();
        TcpProxy proxy = TcpProxy.forJdbcUrl(db.database().url());
        Database viaProxy = Database.connect(proxy.jdbcUrl(db.database().url()), null, null, 4)) {
      StatusStore store = StatusStore.over(viaProxy.jdbc());
      HttpRoots roots = HttpRoots.of(List.of(data.toString()));
      try (ApiServer server =
          ApiServer.start(
              new JobService(null, store, ApiHarness.FAST_RETRY, Clock.systemUTC()),
              ApiSettings.defaults(0, data.resolve("server"))
                  .withBindAddress("127.0.0.1")
                  .withRoots(roots))) {
        proxy.cut();
        String body =
            "{\"job_type\": \"tesseract-eng\", \"folder\": \""
                + folder
                + "\", \"job_key\": \"outage\"}";
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/api/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After"))
            .hasValue(Long.toString(ApiErrors.RETRY_AFTER_SECONDS));
        assertThat(ApiHarness.JSON.readTree(response.body()).path("detail").asText())
            .contains("database")
            .endsWith("try again later");
      }
      assertThatThrownBy(
              () ->
                  store
                      .jobs()
                      .create(
                          new NewJob(
                              "outage",
                              1,
                              data.toString(),
                              1,
                              300,
                              10,
                              3,
                              List.of(new VolumeRef("v1", folder.resolve("v1").toUri().toString())),
                              3,
                              null,
                              false,
                              false)))
          .as("the store says what happened: unavailable, not a conflict")
          .isInstanceOf(StoreUnavailableException.class);
    }
  }
}
