package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors are always {"detail": …} JSON: no Java types, no server paths, no HTML, the client's input
 * quoted briefly.
 */
class ErrorBodiesTest {
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

  private static String detailOf(RawHttp.Answer answer) throws Exception {
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
    String body = answer.body();
    if (!body.startsWith("{"))
      body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1); // chunked
    JsonNode json = ApiHarness.JSON.readTree(body);
    return json.path("detail").asText();
  }

  @Test
  void wrongParameterTypesNameTheParameterNotAJavaType() {
    ApiHarness.Reply reply = api.get("/api/jobs?limit=lots");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText())
        .isEqualTo("parameter 'limit' must be a whole number, got 'lots'");
    ApiHarness.Reply body =
        api.post(
            "/api/jobs", "{\"job_type\": \"tesseract-eng\", \"folder\": \".\", \"dpi\": \"high\"}");
    assertThat(body.json().path("detail").asText())
        .contains("field 'dpi' must be a whole number, got 'high'")
        .doesNotContain("java", "JobSubmission");
    ApiHarness.Reply broken = api.post("/api/jobs", "{\"job_type\": ");
    assertThat(broken.json().path("detail").asText())
        .contains("malformed JSON at line 1")
        .doesNotContain("java");
  }

  @Test
  void pathsTomcatRefusesAnswerJsonNotItsHtmlPage() throws Exception {
    for (String path :
        List.of(
            "/ocr/result/%2e%2e%2f%2e%2e%2fetc",
            "/ocr/result/a%00b", "/ocr/status/%c0%ae", "/ocr/result/..%2F..%2Fetc")) {
      RawHttp.Answer answer = RawHttp.send(api.server.port(), "GET", path, "", null);
      assertThat(answer.status()).as(path).isIn(400, 404);
      assertThat(detailOf(answer)).as(path).isNotBlank();
      assertThat(answer.body()).doesNotContain("<html", "Tomcat", "Exception");
    }
    RawHttp.Answer method = RawHttp.send(api.server.port(), "DELETE", "/api/jobs", "", null);
    assertThat(method.status()).isEqualTo(405);
    assertThat(detailOf(method)).doesNotContain("java", "Exception");
    RawHttp.Answer unknown =
        RawHttp.send(api.server.port(), "GET", "/no/such/page", "Accept: text/html\r\n", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(detailOf(unknown)).isNotBlank();
  }

  @Test
  void hugeInputIsQuotedBriefly() {
    String key = "K".repeat(5 * 1024 * 1024);
    ApiHarness.Reply reply =
        api.post(
            "/api/jobs",
            "{\"job_type\": \"tesseract-eng\", \"folder\": \".\", \"job_key\": \"" + key + "!\"}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().length()).isLessThan(500);
    assertThat(reply.json().path("detail").asText())
        .contains("invalid job key 'KKKK", "(5242881 characters)");
    ApiHarness.Reply type =
        api.post("/api/jobs", "{\"job_type\": \"" + "t".repeat(100_000) + "\", \"folder\": \".\"}");
    assertThat(type.body().length()).isLessThan(2500);
  }

  @Test
  void theServersOwnFilesAreNotNamed() throws Exception {
    ApiHarness.Reply broken =
        api.upload("/ocr/submit", "file", "broken.pdf", "%PDF-1.4\n1 0 obj<<>>\n".getBytes());
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().path("detail").asText())
        .contains("broken.pdf")
        .doesNotContain(data.toString(), ".receiving");
  }

  @Test
  void aVeryLongFileNameIsNamedAsTheProblemNotTheSize() throws Exception {
    java.nio.file.Path pdf = data.resolve("small.pdf");
    io.ocrbatch.activities.samples.SamplePdf.writeEnglish(pdf, 1);
    ApiHarness.Reply reply =
        api.upload(
            "/ocr/submit",
            "file",
            "a".repeat(1000) + ".pdf",
            java.nio.file.Files.readAllBytes(pdf));
    assertThat(reply.status()).as(reply.body()).isIn(200, 202, 400);
    assertThat(reply.body()).doesNotContain("larger than");
    if (reply.status() == 400)
      assertThat(reply.json().path("detail").asText()).containsIgnoringCase("file name");
    ApiHarness.Reply huge =
        api.upload(
            "/ocr/submit",
            "file",
            "b".repeat(9000) + ".pdf",
            java.nio.file.Files.readAllBytes(pdf));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().path("detail").asText())
        .contains("file name")
        .doesNotContain("larger than");
  }

  private static RawHttp.Answer sendRaw(String method, String target, String headers)
      throws Exception {
    return RawHttp.send(api.server.port(), method, target, headers, null);
  }

  // Requests Tomcat refuses before any controller sees them get the status that names their
  // problem, not a guess about encoded characters.

  @Test
  void headersOverTheLimitAre431() throws Exception {
    RawHttp.Answer answer = sendRaw("GET", "/api/jobs", "X-Big: " + "h".repeat(16 * 1024) + "\r\n");
    assertThat(answer.status()).as(answer.head()).isEqualTo(431);
    assertThat(detailOf(answer)).contains("headers are too large").doesNotContain("encoded");
  }

  @Test
  void veryLongPathsAndQueriesAre414() throws Exception {
    RawHttp.Answer id = sendRaw("GET", "/api/jobs/" + "k".repeat(10_000), "");
    assertThat(id.status()).as(id.head()).isEqualTo(414);
    assertThat(detailOf(id)).contains("URI (path and query) is too long").doesNotContain("encoded");
    RawHttp.Answer query = sendRaw("GET", "/api/jobs?status=" + "q".repeat(100_000), "");
    assertThat(query.status()).as(query.head()).isEqualTo(414);
  }

  @Test
  void traceIs405AndAnUnknownMethodIs501() throws Exception {
    RawHttp.Answer trace = sendRaw("TRACE", "/api/jobs", "");
    assertThat(trace.status()).as(trace.head()).isEqualTo(405);
    assertThat(trace.head()).contains("Allow: GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
    assertThat(detailOf(trace)).doesNotContain("encoded");
    RawHttp.Answer unknown = sendRaw("FROB", "/api/jobs", "");
    assertThat(unknown.status()).as(unknown.head()).isEqualTo(501);
    assertThat(detailOf(unknown)).contains("FROB").doesNotContain("encoded");
  }
}
