package io.ocrbatch.activities.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.StatusActivitiesImpl;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.activities.sync.ResultSync;
import io.ocrbatch.activities.testing.TestDatabases;
import io.ocrbatch.workflows.JobStatus;
import io.ocrbatch.workflows.VolumeRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on the machine's PostgreSQL with its files in a folder: the ocr step recorded by the
 * status activity itself, sync_ocr, custom steps, find, latest, rebuild and bad input.
 */
class PipelineRegistryTest {
  private static TestDatabases.Fresh db;
  private static StatusStore store;
  private static Storage storage;
  private static PipelineRegistry registry;
  private static StatusActivitiesImpl activities;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    db = TestDatabases.fresh();
    store = StatusStore.over(db.database().jdbc());
    storage = new Storage(StorageSettings.fromEnvironment());
    registry = new PipelineRegistry(store.jdbc(), storage);
    activities = new StatusActivitiesImpl(store, new OcrStepRecorder(store, storage));
  }

  @AfterAll
  static void stop() {
    storage.close();
    db.close();
  }

  /** An OCR job run as its workflow would: started, its tasks ended, finished. */
  private long ocrJob(String key, Path out, List<String> volumes, List<String> failed) {
    long type = store.jobTypes().byName("tesseract-eng").orElseThrow().id();
    List<VolumeRef> refs =
        volumes.stream().map(v -> new VolumeRef(v, "file:///scans/" + key + "/" + v)).toList();
    long id =
        store.jobs().create(new NewJob(key, type, out.toString(), 2, 300, 10, 3, refs)).job().id();
    activities.jobStarted(id);
    store
        .jdbc()
        .update(
            "UPDATE tasks t SET status = CASE WHEN v.volume_name = ANY (?) THEN 'terminal_failed'"
                + " ELSE 'done' END FROM volumes v WHERE v.id = t.volume_id AND t.job_id = ?",
            failed.toArray(String[]::new),
            id);
    activities.jobFinished(id, JobStatus.COMPLETED);
    return id;
  }

  private void sync(String key, Path out, List<String> volumes) {
    SyncStep.record(
        registry,
        key,
        out.toString(),
        volumes,
        dir.resolve("synced").toString(),
        false,
        new ResultSync.Progress(12, 12, 9, 3, 4096),
        null);
  }

  private static StepRecord custom(String job, String step, String json) {
    return StepInput.parse(job, step, json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void anOcrJobThenASyncGiveBothStepsInOrder() throws Exception {
    Path out = dir.resolve("out");
    ocrJob("REG-A", out, List.of("vol-1", "vol-2", "vol-3"), List.of("vol-3"));
    sync("REG-A", out, List.of("vol-1", "vol-2"));

    RegistryDocument d = registry.document("REG-A");
    assertThat(d.pipelineSteps()).containsOnlyKeys("ocr", "sync_ocr");
    RegistryDocument.Step ocr = d.pipelineSteps().get("ocr");
    assertThat(ocr.status()).isEqualTo("failed"); // a volume failed: the job ended failed
    assertThat(ocr.citekeys().total()).isEqualTo(3);
    assertThat(ocr.citekeys().successful()).isEqualTo(2);
    assertThat(ocr.citekeys().failedList()).containsExactly("vol-3");
    assertThat(ocr.config()).containsEntry("job_type", "tesseract-eng").containsEntry("dpi", 300);
    assertThat(ocr.metadata()).containsKeys("pages", "engine_versions", "ocr_job_id");
    RegistryDocument.Step sync = d.pipelineSteps().get("sync_ocr");
    assertThat(sync.metadata())
        .containsEntry("files_uploaded", 9)
        .containsEntry("files_skipped", 3)
        .containsEntry("destination", dir.resolve("synced").toString());
    assertThat(d.executionTrace())
        .extracting(t -> t.step() + ":" + t.status())
        .containsExactly("ocr:pending", "ocr:failed", "sync_ocr:completed");

    // the portable copy, next to the results and in the synced copy
    RegistryDocument onDisk =
        RegistryFiles.parse(
            Files.readAllBytes(out.resolve("job_registry/REG-A.json")), "REG-A.json");
    assertThat(onDisk).isEqualTo(d);
    assertThat(out.resolve("job_registry/REG-A/ocr.json")).exists();
    assertThat(dir.resolve("synced/job_registry/REG-A.json")).exists();
  }

  @Test
  void theStatusActivityRecordsTheOcrStepOnceWhenRunTwice() {
    Path out = dir.resolve("out");
    long id = ocrJob("REG-TWICE", out, List.of("vol-1"), List.of());
    activities.jobStarted(id); // a retried activity, or a restarted job
    activities.jobFinished(id, JobStatus.COMPLETED);
    // started again: pending is recorded again (the job really ran again), then completed
    assertThat(registry.document("REG-TWICE").executionTrace())
        .extracting(RegistryDocument.TraceEntry::status)
        .containsExactly("pending", "completed", "pending", "completed");
    activities.jobFinished(id, JobStatus.COMPLETED);
    assertThat(registry.document("REG-TWICE").executionTrace()).hasSize(4);
  }

  @Test
  void aRecordedCustomStepShowsInTheDocumentAndFind() {
    Path out = dir.resolve("out");
    ocrJob("REG-C", out, List.of("W1-I1", "W1-I2"), List.of());
    registry.record(
        custom(
            "REG-C",
            "toc",
            "{\"status\":\"completed\",\"citekeys\":{\"list\":[\"W1-I1\",\"W1-I2\"],"
                + "\"failed_list\":[\"W1-I2\"]},\"config\":{\"tool\":\"toc\"},\"tocs\":4}"),
        null);

    RegistryDocument d = registry.document("REG-C");
    assertThat(d.pipelineSteps()).containsKeys("ocr", "toc");
    assertThat(d.pipelineSteps().get("toc").metadata()).containsEntry("tocs", 4);
    assertThat(d.pipelineSteps().get("toc").config()).containsEntry("tool", "toc");
    assertThat(registry.queries().findVolume("W1-I2"))
        .extracting(h -> h.jobId() + "/" + h.step() + "/" + h.volumeStatus().dbName())
        .containsExactly("REG-C/ocr/completed", "REG-C/toc/failed");
    assertThat(registry.queries().list("toc", 10))
        .extracting(PipelineRows.JobSummary::jobId)
        .containsExactly("REG-C");
  }

  @Test
  void findListsEveryJobThatCoveredAVolumeAndLatestFollowsNewJobs() {
    Path out = dir.resolve("out");
    ocrJob("REG-F1", out, List.of("shared-vol", "only-1"), List.of());
    assertThat(registry.document("latest").jobId()).isEqualTo("REG-F1");
    ocrJob("REG-F2", out, List.of("shared-vol"), List.of("shared-vol"));
    assertThat(registry.document("latest").jobId()).isEqualTo("REG-F2");

    assertThat(registry.queries().findVolume("shared-vol"))
        .extracting(h -> h.jobId() + ":" + h.volumeStatus().dbName())
        .containsExactly("REG-F1:completed", "REG-F2:failed");
    assertThat(registry.queries().findVolume("only-1")).hasSize(1);
    assertThat(registry.queries().findVolume("never-seen")).isEmpty();
  }

  @Test
  void autoSourceIsTheNewestCompletedSourceStepCoveringTheVolumes() {
    Path out = dir.resolve("out");
    String upload = PipelineNames.newJobId(Instant.parse("2026-01-01T21:45:14Z"));
    assertThat(upload).isEqualTo("2026-01-01_21-45-14");
    registry.record(
        custom(
            upload,
            "source",
            "{\"status\":\"completed\",\"citekeys\":[\"S-1\",\"S-2\"],\"bucket\":\"scans\","
                + "\"endpoint_url\":\"https://s3.example\",\"uploaded\":2,\"skipped\":0}"),
        out.toString());
    ocrJob("REG-S", out, List.of("S-1", "S-2"), List.of());
    registry.linkSource("REG-S", "auto", null);

    RegistryDocument d = registry.document("REG-S");
    assertThat(d.source().jobId()).isEqualTo(upload);
    assertThat(d.source().bucket()).isEqualTo("scans");
    assertThat(d.source().citekeys().list()).containsExactly("S-1", "S-2");
    assertThat(d.pipelineSteps().get("source").jobId()).isEqualTo(upload);
    assertThat(d.executionTrace().get(0).step()).isEqualTo("source");

    ocrJob("REG-NOSRC", out, List.of("S-1", "unknown-volume"), List.of());
    assertThatThrownBy(() -> registry.linkSource("REG-NOSRC", "auto", null))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no pipeline job has a completed source step");
  }

  @Test
  void rebuildAfterDeletingTheRowsRestoresTheSameAnswers() throws Exception {
    Path out = dir.resolve("rebuild-out");
    ocrJob("REG-R1", out, List.of("r-1", "r-2"), List.of("r-2"));
    sync("REG-R1", out, List.of("r-1"));
    registry.record(
        custom("REG-R1", "seg", "{\"status\":\"pending\",\"citekeys\":[\"r-1\"]}"), null);
    ocrJob("REG-R2", out, List.of("r-1"), List.of());
    RegistryDocument r1 = registry.document("REG-R1");
    assertThat(r1.pipelineSteps().get("seg").citekeys().successful())
        .as("a pending step has not succeeded on its volumes yet")
        .isZero();
    RegistryDocument r2 = registry.document("REG-R2");
    var found = registry.queries().findVolume("r-1");
    String latest = registry.document("latest").jobId();

    store.jdbc().update("DELETE FROM pipeline_jobs WHERE job_id IN ('REG-R1', 'REG-R2')");
    assertThatThrownBy(() -> registry.document("REG-R1"))
        .isInstanceOf(UnknownPipelineJobException.class);

    assertThat(registry.rebuild(out.toString())).containsExactlyInAnyOrder("REG-R1", "REG-R2");
    assertThat(registry.document("REG-R1")).isEqualTo(r1);
    assertThat(registry.document("REG-R2")).isEqualTo(r2);
    assertThat(registry.queries().findVolume("r-1")).isEqualTo(found);
    assertThat(registry.document("latest").jobId()).isEqualTo(latest);
  }

  @Test
  void badInputIsAClearError() {
    assertThatThrownBy(() -> registry.document("NO-SUCH-JOB"))
        .isInstanceOf(UnknownPipelineJobException.class)
        .hasMessage("no pipeline job 'NO-SUCH-JOB' in the registry");
    assertThatThrownBy(() -> custom("J", "toc", "{\"citekeys\":[\"a\"]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("test.json has no \"status\"");
    assertThatThrownBy(() -> custom("J", "toc", "{\"status\":\"done\"}"))
        .hasMessageContaining("pending, completed or failed, got 'done'");
    assertThatThrownBy(() -> custom("J", "toc", "{\"status\": "))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("test.json is not valid JSON");
    assertThatThrownBy(() -> custom("J", "toc", "[1, 2]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> custom("J", "toc", "{\"status\":\"completed\",\"citekeys\":[1]}"))
        .hasMessageContaining("must hold volume names");
    assertThatThrownBy(() -> custom("J", "Bad Step", "{\"status\":\"completed\"}"))
        .hasMessageContaining("step name must be");
    assertThatThrownBy(() -> custom("../etc", "toc", "{\"status\":\"completed\"}"))
        .hasMessageContaining("pipeline job id must be");
  }
}
