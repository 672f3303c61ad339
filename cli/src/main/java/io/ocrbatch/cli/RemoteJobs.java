package io.ocrbatch.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.api.ApiJson;
import io.ocrbatch.api.JobView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The client commands' way to a running {@code server}/{@code dev} when {@code --server URL} is given. */
final class RemoteJobs {
  private final String base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteJobs(String base, String token) {
    this.base = base.replaceAll("/+$", "");
    this.token = token;
  }

  JobView submit(Map<String, Object> body) {
    return ApiJson.MAPPER.convertValue(send("POST", "/api/jobs", body), JobView.class);
  }

  List<JobView> list(List<String> include, List<String> exclude, int limit) {
    String query = "?limit=" + limit
        + (include.isEmpty() ? "" : "&status=" + encode(String.join(",", include)))
        + (exclude.isEmpty() ? "" : "&exclude_status=" + encode(String.join(",", exclude)));
    return ApiJson.MAPPER.convertValue(send("GET", "/api/jobs" + query, null), new TypeReference<List<JobView>>() {});
  }

  JobView get(String key) {
    return ApiJson.MAPPER.convertValue(send("GET", "/api/jobs/" + encode(key), null), JobView.class);
  }

  /** POSTs {@code cancel}, {@code pause} or {@code resume}. */
  JobView control(String key, String verb) {
    return ApiJson.MAPPER.convertValue(send("POST", "/api/jobs/" + encode(key) + "/" + verb, null), JobView.class);
  }

  private JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
      if (token != null && !token.isBlank()) request.header("Authorization", "Bearer " + token);
      if (body != null) {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(ApiJson.MAPPER.writeValueAsBytes(body)));
      } else {
        request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(""));
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? ApiJson.MAPPER.nullNode() : ApiJson.MAPPER.readTree(response.body());
      if (response.statusCode() / 100 == 2) return json;
      String detail = json.path("detail").asText("HTTP " + response.statusCode());
      if (response.statusCode() == 400 || response.statusCode() == 404) throw new IllegalArgumentException(detail);
      throw new IllegalStateException(base + " answered " + response.statusCode() + ": " + detail);
    } catch (ConnectException e) {
      throw new IllegalStateException("cannot reach the ocrbatch server at " + base + ": start `bin/ocrbatch server` or `bin/ocrbatch dev`", e);
    } catch (IOException e) {
      throw new IllegalStateException("talking to " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
