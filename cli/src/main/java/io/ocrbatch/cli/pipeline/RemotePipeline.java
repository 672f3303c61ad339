package io.ocrbatch.cli.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.registry.PipelineNames;
import io.ocrbatch.activities.registry.PipelineRows.JobSummary;
import io.ocrbatch.activities.registry.PipelineRows.VolumeHit;
import io.ocrbatch.activities.registry.RegistryDocument;
import io.ocrbatch.activities.registry.StepInput;
import io.ocrbatch.api.ApiJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The registry through a server's {@code /api/pipeline} endpoints. */
public final class RemotePipeline implements PipelineClient {

  /** One request to the server; 4xx answers come back as exceptions with the server's detail. */
  @FunctionalInterface
  public interface Api {
    JsonNode call(String method, String path, Object body);
  }

  private final Api api;

  public RemotePipeline(Api api) {
    this.api = api;
  }

  @Override
  public RegistryDocument document(String jobIdOrLatest) {
    String path =
        "latest".equals(jobIdOrLatest)
            ? "/api/pipeline/latest"
            : "/api/pipeline/jobs/" + encode(jobIdOrLatest);
    return ApiJson.MAPPER.convertValue(api.call("GET", path, null), RegistryDocument.class);
  }

  @Override
  public List<JobSummary> list(String step, int limit) {
    String query = "?limit=" + limit + (step == null ? "" : "&step=" + encode(step));
    return ApiJson.MAPPER.convertValue(
        api.call("GET", "/api/pipeline/jobs" + query, null), new TypeReference<>() {});
  }

  @Override
  public List<VolumeHit> find(String volume) {
    return ApiJson.MAPPER.convertValue(
        api.call("GET", "/api/pipeline/volumes/" + encode(volume), null), new TypeReference<>() {});
  }

  @Override
  public RegistryDocument.Step step(String jobIdOrLatest, String step) {
    return ApiJson.MAPPER.convertValue(
        api.call("GET", stepPath(jobIdOrLatest, step), null), RegistryDocument.Step.class);
  }

  @Override
  public RegistryDocument.Step record(
      String jobId, String step, byte[] json, String where, String resultsRoot) {
    if (resultsRoot != null) {
      throw new BadInputException(
          "--results is for the database directly: the server writes registry files where the"
              + " job's results are");
    }
    JsonNode body;
    try {
      body = ApiJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadInputException(where + " cannot be read: " + e.getMessage());
    }
    // checked here too, so that an error names the file rather than the request body
    StepInput.parse(PipelineNames.checkJobId(jobId), step, json, where);
    return ApiJson.MAPPER.convertValue(
        api.call("PUT", stepPath(jobId, step), body), RegistryDocument.Step.class);
  }

  @Override
  public RegistryDocument linkSource(String jobId, String sourceJob) {
    return ApiJson.MAPPER.convertValue(
        api.call(
            "PUT",
            "/api/pipeline/jobs/" + encode(jobId) + "/source",
            Map.of("source_job", sourceJob)),
        RegistryDocument.class);
  }

  @Override
  public void close() {}

  private static String stepPath(String jobId, String step) {
    PipelineNames.checkStep(step);
    return "/api/pipeline/jobs/" + encode(jobId) + "/steps/" + encode(step);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
