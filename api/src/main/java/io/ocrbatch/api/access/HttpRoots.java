package io.ocrbatch.api.access;

import io.ocrbatch.workflows.AllowedRoots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where HTTP clients may read volumes from and write results to: {@code OCRBATCH_INPUT_ROOTS} and
 * {@code OCRBATCH_OUTPUT_ROOTS} (comma-separated folders and {@code s3://bucket[/prefix]}), by
 * default the folder the service was started in and its data folder. BDRC archive ids are always
 * allowed as inputs: they name volumes in the archive bucket the operator configured.
 */
public record HttpRoots(LocationRoots inputs, LocationRoots outputs) {
  public static final String INPUT_VARIABLE = "OCRBATCH_INPUT_ROOTS";
  public static final String OUTPUT_VARIABLE = "OCRBATCH_OUTPUT_ROOTS";

  public static HttpRoots defaults(Path workingDir, Path dataDir) {
    List<String> both = List.of(workingDir.toString(), dataDir.toString());
    return new HttpRoots(
        LocationRoots.of("input", INPUT_VARIABLE, both),
        LocationRoots.of("output", OUTPUT_VARIABLE, both));
  }

  public static HttpRoots fromEnvironment(Map<String, String> env, Path workingDir, Path dataDir) {
    HttpRoots roots = defaults(workingDir, dataDir);
    LocationRoots inputs =
        env.containsKey(INPUT_VARIABLE)
            ? LocationRoots.parse("input", INPUT_VARIABLE, env.get(INPUT_VARIABLE))
            : roots.inputs();
    LocationRoots outputs =
        env.containsKey(OUTPUT_VARIABLE)
            ? LocationRoots.parse("output", OUTPUT_VARIABLE, env.get(OUTPUT_VARIABLE))
            : roots.outputs();
    return new HttpRoots(inputs, outputs);
  }

  /** What a job submitted over HTTP carries, so its workers judge each file it reads or writes. */
  public AllowedRoots forJobs() {
    return new AllowedRoots(inputs.entries(), outputs.entries());
  }

  /** The same roots for inputs and outputs: folders and s3:// prefixes. */
  public static HttpRoots of(List<String> entries) {
    return new HttpRoots(
        LocationRoots.of("input", INPUT_VARIABLE, entries),
        LocationRoots.of("output", OUTPUT_VARIABLE, entries));
  }
}
