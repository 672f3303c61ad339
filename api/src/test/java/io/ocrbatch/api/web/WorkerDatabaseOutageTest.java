package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocrbatch.activities.samples.SamplePdf;
import io.ocrbatch.activities.statusdb.Database;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.testing.TcpProxy;
import io.ocrbatch.worker.OcrWorker;
import io.ocrbatch.worker.WorkerSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers on one Temporal; one of them loses its status database (a TCP proxy in front of
 * PostgreSQL is cut). It must stop taking work, leave every task to the healthy worker (no activity
 * attempt fails on it), and take work again by itself once the database is back.
 */
class WorkerDatabaseOutageTest {
  @TempDir Path data;

  @Test
  void aWorkerWhoseDatabaseIsUnreachableLeavesTheTasksToAHealthyOneAndResumesByItself()
      throws Exception {
    try (ApiHarness api = ApiHarness.start(data.resolve("server"));
        TcpProxy proxy = TcpProxy.forJdbcUrl(api.db.database().url());
        Database viaProxy =
            Database.connect(proxy.jdbcUrl(api.db.database().url()), null, null, 4)) {
      WorkflowClient brokenClient =
          WorkflowClient.newInstance(
              api.temporal.getWorkflowServiceStubs(),
              WorkflowClientOptions.newBuilder().setIdentity("broken-worker").build());
      try (OcrWorker broken =
          new OcrWorker(
                  brokenClient,
                  StatusStore.over(viaProxy.jdbc()),
                  WorkerSettings.defaults("broken-worker").withCpuSlots(2))
              .start()) {
        proxy.cut();
        awaitHealth(broken, false);

        Path folder = volumes("outage", 3, 2);
        api.post(
            "/api/jobs",
            json(
                "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'outage-1', 'dpi': 150}",
                folder));
        assertThat(
                api.awaitField(
                        "/api/jobs/outage-1",
                        "status",
                        Duration.ofSeconds(180),
                        "completed",
                        "failed")
                    .path("status")
                    .asText())
            .isEqualTo("completed");

        var jdbc = api.db.database().jdbc();
        assertThat(
                jdbc.queryLong(
                    "SELECT count(*) FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id"
                        + " WHERE j.job_key = 'outage-1' AND p.status = 'ok'"))
            .isEqualTo(6);
        assertThat(
                jdbc.queryLong(
                    "SELECT max(t.attempts) FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE j.job_key = 'outage-1'"))
            .as("no task was retried")
            .isEqualTo(1);
        List<String> volumeWorkflows =
            jdbc.query(
                "SELECT 'outage-1/' || v.volume_name FROM tasks t JOIN volumes v ON v.id = t.volume_id JOIN jobs j ON j.id = t.job_id"
                    + " WHERE j.job_key = 'outage-1'",
                rs -> rs.getString(1));
        assertThat(volumeWorkflows).hasSize(3);
        for (String workflowId : volumeWorkflows) {
          for (HistoryEvent e :
              api.temporal.getWorkflowClient().fetchHistory(workflowId).getEvents()) {
            if (e.getEventType() != EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) continue;
            assertThat(e.getActivityTaskStartedEventAttributes().getIdentity())
                .as("%s: every activity ran on the healthy worker", workflowId)
                .isNotEqualTo("broken-worker");
          }
        }

        proxy.restore();
        awaitHealth(broken, true);
        api.worker.close(); // only the recovered worker is left
        Path second = volumes("after", 1, 2);
        api.post(
            "/api/jobs",
            json(
                "{'job_type': 'tesseract-eng', 'folder': '%s', 'job_key': 'outage-2', 'dpi': 150}",
                second));
        assertThat(
                api.awaitField(
                        "/api/jobs/outage-2",
                        "status",
                        Duration.ofSeconds(180),
                        "completed",
                        "failed")
                    .path("status")
                    .asText())
            .as("the recovered worker polls again")
            .isEqualTo("completed");
        assertThat(
                jdbc.query(
                    "SELECT DISTINCT worker FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id"
                        + " WHERE j.job_key = 'outage-2'",
                    rs -> rs.getString(1)))
            .containsExactly("broken-worker");
      }
    }
  }

  @Test
  void serverHealthSaysTheDatabaseIsDownWhileItIsAndUpWhenItIsBack() throws Exception {
    try (var db = io.ocrbatch.activities.testing.TestDatabases.fresh();
        TcpProxy proxy = TcpProxy.forJdbcUrl(db.database().url());
        Database viaProxy = Database.connect(proxy.jdbcUrl(db.database().url()), null, null, 4);
        ApiServer server =
            ApiServer.start(
                new io.ocrbatch.api.JobService(
                    null,
                    StatusStore.over(viaProxy.jdbc()),
                    ApiHarness.FAST_RETRY,
                    java.time.Clock.systemUTC()),
                ApiSettings.defaults(0, data.resolve("server")).withBindAddress("127.0.0.1"))) {
      String url = server.url() + "/actuator/health";
      assertThat(database(url).path("status").asText()).isEqualTo("UP");

      proxy.cut();
      com.fasterxml.jackson.databind.JsonNode down = database(url);
      assertThat(down.path("status").asText()).isEqualTo("DOWN");
      assertThat(down.path("details").path("error").asText()).contains("refused");
      assertThat(down.path("details").path("down_since").asText()).isNotEmpty();

      proxy.restore();
      assertThat(database(url).path("status").asText()).isEqualTo("UP");
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode database(String url) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return ApiHarness.JSON.readTree(response.body()).path("components").path("database");
  }

  private static void awaitHealth(OcrWorker worker, boolean polling) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (worker.polling() != polling) {
      if (System.nanoTime() > end)
        throw new AssertionError("worker polling is not " + polling + " within 60 s");
      Thread.sleep(100);
    }
  }

  private Path volumes(String name, int volumes, int pages) throws Exception {
    Path root = data.resolve(name);
    for (int v = 1; v <= volumes; v++)
      SamplePdf.writeEnglish(root.resolve(name + "-" + v).resolve("book.pdf"), pages);
    return root;
  }

  private static String json(String template, Object... args) {
    return String.format(template.replace('\'', '"'), args);
  }
}
