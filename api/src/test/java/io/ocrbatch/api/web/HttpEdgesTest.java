package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Tomcat refuses before any controller sees them get the status that names their problem
 * (431, 414, 405, 501), as JSON, not a guess about encoded characters.
 */
class HttpEdgesTest {
  @TempDir static Path data;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(data.resolve("server"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static RawHttp.Answer send(String method, String target, String headers)
      throws Exception {
    return RawHttp.send(api.server.port(), method, target, headers, null);
  }

  private static String detail(RawHttp.Answer answer) throws Exception {
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
    String body = answer.body();
    if (!body.startsWith("{")) body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
    return ApiHarness.JSON.readTree(body).path("detail").asText();
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    RawHttp.Answer answer = send("GET", "/api/jobs", "X-Big: " + "h".repeat(16 * 1024) + "\r\n");
    assertThat(answer.status()).as(answer.head()).isEqualTo(431);
    assertThat(detail(answer)).contains("headers are too large").doesNotContain("encoded");
  }

  @Test
  void veryLongPathsAndQueriesAre414() throws Exception {
    RawHttp.Answer id = send("GET", "/api/jobs/" + "k".repeat(10_000), "");
    assertThat(id.status()).as(id.head()).isEqualTo(414);
    assertThat(detail(id)).contains("URI (path and query) is too long").doesNotContain("encoded");
    RawHttp.Answer query = send("GET", "/api/jobs?status=" + "q".repeat(100_000), "");
    assertThat(query.status()).as(query.head()).isEqualTo(414);
  }

  @Test
  void traceIs405AndAnUnknownMethodIs501() throws Exception {
    RawHttp.Answer trace = send("TRACE", "/api/jobs", "");
    assertThat(trace.status()).as(trace.head()).isEqualTo(405);
    assertThat(detail(trace)).doesNotContain("encoded");
    RawHttp.Answer unknown = send("FROB", "/api/jobs", "");
    assertThat(unknown.status()).as(unknown.head()).isEqualTo(501);
    assertThat(detail(unknown)).contains("FROB").doesNotContain("encoded");
  }
}
