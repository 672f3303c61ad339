package io.ocrbatch.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.statusdb.QueueStore;
import io.ocrbatch.activities.storage.BdrcVolume;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobView;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.workflows.JobTypeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client commands with {@code --server URL}: everything goes through the REST API of a running
 * {@code server}/{@code dev}; no database, Temporal, S3 or data folder is touched here. Volumes are
 * sent as named (local paths made absolute), for the server to resolve.
 */
final class RemoteJobs implements JobsClient {
  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteJobs(String base, String token) {
    this.base = base.replaceAll("/+$", "");
    this.token = token;
  }

  @Override
  public Submitted submit(Creation c) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("job_type", c.jobType());
    JobCommands.VolumeSource source = c.volumes();
    Path cwd = Path.of("").toAbsolutePath();
    if (source.volumes != null) {
      body.put("volumes", source.volumes.stream().map(v -> entry(v, cwd)).toList());
    } else if (source.volumeFile != null) {
      body.put("volumes", volumeFileEntries(source.volumeFile));
    } else {
      body.put("folder", entry(source.folder, cwd));
    }
    body.put("job_key", c.jobKey());
    body.put(
        "output",
        S3Location.isS3(c.out())
            ? c.out()
            : Path.of(c.out()).toAbsolutePath().normalize().toString());
    body.put("force", c.force());
    body.put("concurrency", c.concurrency());
    body.put("dpi", c.dpi());
    Reply reply = send("POST", "/api/jobs", body);
    return new Submitted(
        ApiJson.MAPPER.convertValue(reply.json(), JobView.class), reply.status() == 200);
  }

  /**
   * A volume as the server should read it: s3:// and BDRC ids as written, local paths made
   * absolute.
   */
  static String entry(String raw, Path base) {
    String entry = raw.strip();
    if (S3Location.isS3(entry) || entry.startsWith("bdrc:")) return entry;
    Path local = base.resolve(entry).toAbsolutePath().normalize();
    boolean bdrcLike =
        BdrcVolume.looksLikeVolumeId(entry) || BdrcVolume.looksMeantAsVolumeId(entry);
    return bdrcLike && !Files.isDirectory(local) ? entry : local.toString();
  }

  private static List<String> volumeFileEntries(Path file) {
    try {
      Path base = file.toAbsolutePath().getParent();
      return VolumeResolver.parseVolumeFile(Files.readAllLines(file)).stream()
          .map(e -> entry(e, base))
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read volume file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public JobView job(Long id, String key) {
    JobView job =
        ApiJson.MAPPER.convertValue(
            send("GET", "/api/jobs/" + encode(key != null ? key : id.toString()), null).json(),
            JobView.class);
    if (key == null && job.id() != id) { // a job whose key is that number
      throw new IllegalArgumentException(
          "--job-id "
              + id
              + " is ambiguous on "
              + base
              + ": job "
              + job.id()
              + " has the key '"
              + id
              + "'; use --job-key");
    }
    return job;
  }

  @Override
  public List<JobView> list(List<String> include, List<String> exclude, int limit) {
    String query =
        "?limit="
            + limit
            + (include.isEmpty() ? "" : "&status=" + encode(String.join(",", include)))
            + (exclude.isEmpty() ? "" : "&exclude_status=" + encode(String.join(",", exclude)));
    return ApiJson.MAPPER.convertValue(
        send("GET", "/api/jobs" + query, null).json(), new TypeReference<List<JobView>>() {});
  }

  @Override
  public JobView control(JobView job, String verb) {
    send("POST", "/api/jobs/" + encode(job.jobKey()) + "/" + verb, null);
    return job(job.id(), null);
  }

  @Override
  public List<JobTypeSpec> jobTypes() {
    return ApiJson.MAPPER.convertValue(
        send("GET", "/api/job-types", null).json(), new TypeReference<List<JobTypeSpec>>() {});
  }

  @Override
  public JobTypeSpec createJobType(JobTypeSpec spec, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", spec.name());
    body.put("engine", spec.engine());
    body.put("model", spec.model());
    body.put("language", spec.language());
    body.put("encoding", spec.encoding());
    body.put("line_mode", spec.lineMode());
    body.put("output_formats", spec.outputFormats());
    body.put("description", description);
    return ApiJson.MAPPER.convertValue(
        send("POST", "/api/job-types", body).json(), JobTypeSpec.class);
  }

  @Override
  public QueueStore.Stats queueStats() {
    return ApiJson.MAPPER.convertValue(
        send("GET", "/api/queue/stats", null).json(), QueueStore.Stats.class);
  }

  @Override
  public Requeued requeueFailed() {
    return ApiJson.MAPPER.convertValue(
        send("POST", "/api/queue/requeue-failed", null).json(), Requeued.class);
  }

  @Override
  public void close() {}

  private record Reply(int status, JsonNode json) {}

  /** One request to the server's API, its JSON answer (errors as {@link #send} makes them). */
  JsonNode call(String method, String path, Object body) {
    return send(method, path, body).json();
  }

  /**
   * One request; a 4xx answer becomes an exception with the server's {@code detail}: 400/404
   * BadInputException (the input), 409 ConflictException (the job's state).
   */
  private Reply send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
      if (token != null && !token.isBlank()) request.header("Authorization", "Bearer " + token);
      if (body != null) {
        request
            .header("Content-Type", "application/json")
            .method(
                method,
                HttpRequest.BodyPublishers.ofByteArray(ApiJson.MAPPER.writeValueAsBytes(body)));
      } else {
        request.method(
            method,
            method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(""));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = parse(response.body());
      int status = response.statusCode();
      if (status / 100 == 2) return new Reply(status, json);
      String detail = json.path("detail").asText("HTTP " + status);
      if (status == 400 || status == 404)
        throw new io.ocrbatch.activities.fault.BadInputException(detail);
      if (status == 409) throw new io.ocrbatch.activities.fault.ConflictException(detail);
      if (status == 401)
        throw new IllegalStateException(
            base + " refused the request (401): give --token or set OCRBATCH_API_TOKEN");
      throw new IllegalStateException(base + " answered " + status + ": " + detail);
    } catch (ConnectException e) {
      throw new IllegalStateException(
          "cannot reach the ocrbatch server at "
              + base
              + ": start `bin/ocrbatch server` or `bin/ocrbatch dev`",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("talking to " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode parse(String body) {
    if (body.isBlank()) return ApiJson.MAPPER.nullNode();
    try {
      return ApiJson.MAPPER.readTree(body);
    } catch (IOException notJson) {
      throw new IllegalStateException(
          base
              + " did not answer with JSON (is it an ocrbatch server?): "
              + body.substring(0, Math.min(100, body.length())));
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
