package io.ocrbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compose stack (infra/temporal-docker) as far as it can be checked without a Docker engine:
 * {@code check/check.mjs} validates it against the Compose Specification's JSON schema and checks
 * pinned images, start order, scaling, Prometheus and Grafana wiring; and it refuses broken copies.
 */
class ComposeStackTest {
  private static final Path STACK =
      Path.of("..", "infra", "temporal-docker").toAbsolutePath().normalize();
  private static final Path CHECK = STACK.resolve("check");

  record Checked(int exitCode, String output) {}

  @Test
  void theStackPassesItsCheck() throws Exception {
    Checked checked = check(null);
    assertThat(checked.exitCode()).as(checked.output()).isZero();
    assertThat(checked.output()).containsPattern("compose-check: all \\d+ checks hold");
  }

  @Test
  void theStackRegistersEverySearchAttributeTheWorkflowsSet() throws IOException {
    String script = Files.readString(STACK.resolve("temporal/register-search-attributes.sh"));
    for (var key : io.ocrbatch.workflows.JobSearchAttributes.ALL) {
      String type =
          key.getValueType() == io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
              ? "Int"
              : "Keyword";
      assertThat(script).contains(key.getName() + ":" + type);
    }
  }

  @Test
  void aComposeFileOutsideTheSpecificationIsRefused() throws Exception {
    Checked checked = check(compose().replace("      replicas: 2", "      replicas: two"));
    assertThat(checked.exitCode()).isNotZero();
    assertThat(checked.output())
        .contains("FAILED compose file matches the Compose Specification schema")
        .contains("/services/worker/deploy/replicas must be integer");
  }

  @Test
  void anUnpinnedImageIsRefused() throws Exception {
    Checked checked =
        check(compose().replace("image: grafana/grafana:12.0.2", "image: grafana/grafana"));
    assertThat(checked.exitCode()).isNotZero();
    assertThat(checked.output()).contains("grafana: grafana/grafana is not pinned to a version");
  }

  @Test
  void waitingForAServiceWithoutHealthCheckIsRefused() throws Exception {
    String compose = compose();
    int server = compose.indexOf("\n  server:");
    String withoutHealth =
        compose.substring(0, server)
            + compose
                .substring(server)
                .replaceFirst(
                    "(?s)    healthcheck:\\n      test: \\[\"CMD\", \"curl\", \"-fsS\", \"http://127.0.0.1:8080/actuator/health\"\\]\\n(      [a-z_]+: [^\\n]+\\n)+",
                    "");
    assertThat(withoutHealth).isNotEqualTo(compose);
    Checked checked = check(withoutHealth);
    assertThat(checked.exitCode()).isNotZero();
    assertThat(checked.output())
        .contains("worker waits for server to be healthy, but server has no healthcheck");
  }

  private static String compose() throws IOException {
    return Files.readString(STACK.resolve("docker-compose.yml"));
  }

  /** Runs the check on the stack, or on {@code composeOrNull} given on standard input. */
  private static Checked check(String composeOrNull) throws Exception {
    assertThat(CHECK.resolve("node_modules/ajv"))
        .as("the check's npm packages (cd infra/temporal-docker/check && npm ci; bin/test does it)")
        .isDirectory();
    ProcessBuilder builder =
        composeOrNull == null
            ? new ProcessBuilder("node", "check.mjs")
            : new ProcessBuilder("node", "check.mjs", "-");
    Process process = builder.directory(CHECK.toFile()).redirectErrorStream(true).start();
    try (var in = process.getOutputStream()) {
      if (composeOrNull != null) in.write(composeOrNull.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Checked(process.exitValue(), output);
  }
}
