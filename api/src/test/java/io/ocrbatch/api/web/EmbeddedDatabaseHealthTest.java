package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.EmbeddedDatabase;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.api.JobService;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /actuator/health} of a {@code dev} shows its embedded PostgreSQL, and that it was started
 * again after its postmaster was killed.
 */
class EmbeddedDatabaseHealthTest {
  @TempDir Path data;

  @Test
  void healthShowsTheEmbeddedDatabaseAndItsRestart() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      Files.writeString(data.resolve("pg.port"), String.valueOf(free.getLocalPort()));
    }
    try (EmbeddedDatabase embedded = EmbeddedDatabase.startOrAttach(data);
        Database db = Database.connect(embedded.jdbcUrl(), null, null, 4);
        ApiServer server =
            ApiServer.start(
                new JobService(
                    null, StatusStore.over(db.jdbc()), ApiHarness.FAST_RETRY, Clock.systemUTC()),
                ApiSettings.defaults(0, data.resolve("server")).withBindAddress("127.0.0.1"),
                null,
                null,
                embedded)) {
      String url = server.url() + "/actuator/health";
      JsonNode before = embeddedDatabase(url);
      assertThat(before.path("status").asText()).isEqualTo("UP");
      assertThat(before.path("details").path("state").asText()).isEqualTo("running");
      assertThat(before.path("details").path("port").asInt()).isEqualTo(embedded.port());
      assertThat(before.path("details").path("supervised").asBoolean()).isTrue();
      long pid = before.path("details").path("pid").asLong();

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();

      long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      JsonNode after = embeddedDatabase(url);
      while (after.path("details").path("restarts").asInt() < 1 && System.nanoTime() < end) {
        Thread.sleep(200);
        after = embeddedDatabase(url);
      }
      assertThat(after.path("status").asText()).isEqualTo("UP");
      assertThat(after.path("details").path("restarts").asInt()).isEqualTo(1);
      assertThat(after.path("details").path("pid").asLong()).isNotEqualTo(pid);
      assertThat(after.path("details").path("port").asInt()).isEqualTo(embedded.port());
    }
  }

  private static JsonNode embeddedDatabase(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return ApiHarness.JSON.readTree(response.body()).path("components").path("embeddedDatabase");
  }
}
