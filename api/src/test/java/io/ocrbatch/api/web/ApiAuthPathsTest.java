package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With tokens configured, no spelling of a protected path gets past the check. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthPathsTest {
  @TempDir static Path data;
  private ApiHarness api;
  private Path scans;

  @BeforeAll
  void start() throws Exception {
    api = ApiHarness.start(data.resolve("server"), s -> s.withTokens(List.of("secret")));
    scans = Files.createDirectories(data.resolve("server/scans/v1"));
  }

  @AfterAll
  void stop() {
    api.close();
  }

  Stream<Arguments> trickPaths() {
    String submit = "{\"job_type\": \"tesseract-eng\", \"folder\": \"" + scans + "\"}";
    return Stream.of(
        Arguments.of("GET", "/api;x/jobs", null),
        Arguments.of("POST", "/api;x/jobs", submit),
        Arguments.of("POST", "/ocr;a/submit", null),
        Arguments.of("GET", "/%61pi/jobs", null),
        Arguments.of("POST", "/%61pi/jobs", submit),
        Arguments.of("GET", "/api%2Fjobs", null),
        Arguments.of("GET", "/api%2fjobs", null),
        Arguments.of("GET", "//api/jobs", null),
        Arguments.of("GET", "/api//jobs", null),
        Arguments.of("GET", "/api/jobs/", null),
        Arguments.of("GET", "/API/jobs", null),
        Arguments.of("GET", "/Api/Jobs", null),
        Arguments.of("GET", "/OCR/status/x", null),
        Arguments.of("GET", "/api/./jobs", null),
        Arguments.of("GET", "/api/%2e/jobs", null),
        Arguments.of("GET", "/x/../api/jobs", null),
        Arguments.of("GET", "/x/%2e%2e/api/jobs", null),
        Arguments.of("GET", "/swagger-ui/..;/api/jobs", null),
        Arguments.of("GET", "/swagger-ui/%2e%2e/api/jobs", null),
        Arguments.of("GET", "/v3/api-docs/../../api/jobs", null),
        Arguments.of("GET", "/actuator/health/..%2f..%2fapi/jobs", null),
        Arguments.of("GET", "/index.html/../api/jobs", null),
        Arguments.of("GET", "/%2561pi/jobs", null),
        Arguments.of("GET", "/api\\jobs", null),
        Arguments.of("GET", "/api%5cjobs", null),
        Arguments.of("GET", "/api/jobs%00", null),
        Arguments.of("GET", "/api/jobs;jsessionid=abc", null),
        Arguments.of("GET", "/api/queue/stats", null),
        Arguments.of("POST", "/api/queue/requeue-failed", null),
        Arguments.of("GET", "/api/job-types", null),
        Arguments.of("GET", "/api/pipeline/jobs", null),
        Arguments.of("GET", "/api/pipeline/latest", null),
        Arguments.of("GET", "/api/pipeline/volumes/W1-I1", null),
        Arguments.of("PUT", "/api/pipeline/jobs/J1/steps/toc", "{\"status\":\"completed\"}"),
        Arguments.of("GET", "/ocr/status/x", null),
        Arguments.of("GET", "/ocr/stream/x", null),
        Arguments.of("GET", "/actuator/env", null),
        Arguments.of("GET", "/actuator", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("trickPaths")
  void everySpellingOfAProtectedPathIsRefusedWithJson(String method, String path, String body)
      throws Exception {
    RawHttp.Answer answer = RawHttp.send(api.server.port(), method, path, "", body);
    assertThat(answer.status())
        .as(method + " " + path + " answered:\n" + answer.head() + "\n" + answer.body())
        .isIn(400, 401);
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
    assertThat(answer.body())
        .contains("\"detail\"")
        .doesNotContain("<html")
        .doesNotContainIgnoringCase("tomcat");
  }

  @Test
  void nothingWasSubmittedByTheRefusedRequests() throws Exception {
    for (Arguments a : trickPaths().toList()) {
      Object[] args = a.get();
      RawHttp.send(api.server.port(), (String) args[0], (String) args[1], "", (String) args[2]);
    }
    api.token = "secret";
    assertThat(api.get("/api/jobs").json()).isEmpty();
    assertThat(api.get("/api/pipeline/jobs").json()).isEmpty();
    assertThat(Files.exists(data.resolve("server/results"))).isFalse();
  }

  @Test
  void everyFileOfTheWebPageLoadsWithoutAToken() throws Exception {
    List<String> files;
    try (Stream<Path> listed = Files.list(Path.of("src", "main", "resources", "static"))) {
      files = listed.map(p -> "/" + p.getFileName()).sorted().toList();
    }
    assertThat(files).contains("/index.html", "/app.js", "/jobs.js");
    for (String file : files) {
      assertThat(RawHttp.send(api.server.port(), "GET", file, "", null).status())
          .as("GET " + file + " without a token (the page asks for one once it runs)")
          .isEqualTo(200);
    }
  }

  @Test
  void theOpenPathsStayOpenAndATokenOpensTheRest() throws Exception {
    for (String open :
        List.of(
            "/",
            "/index.html",
            "/app.js",
            "/style.css",
            "/v3/api-docs",
            "/swagger-ui.html",
            "/actuator/health")) {
      assertThat(RawHttp.send(api.server.port(), "GET", open, "", null).status())
          .as(open)
          .isIn(200, 302, 503);
    }
    assertThat(
            RawHttp.send(
                    api.server.port(), "GET", "/api/jobs", "Authorization: Bearer secret\r\n", null)
                .status())
        .isEqualTo(200);
    assertThat(
            RawHttp.send(api.server.port(), "GET", "/api/jobs?access_token=secret", "", null)
                .status())
        .isEqualTo(200);
    RawHttp.Answer wrong =
        RawHttp.send(api.server.port(), "GET", "/api/jobs", "Authorization: Bearer nope\r\n", null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("not valid");
  }
}
