package io.ocrbatch.workflows;

import java.util.List;

/**
 * Where a job submitted over HTTP may read its volumes and write its results: the server's input
 * and output roots when it was submitted (local folders and {@code s3://bucket[/prefix]}). Workers
 * judge each file by its real path against them when they read or write it. A job started by the
 * server's own user (the CLI) carries none and is not confined.
 */
public record AllowedRoots(List<String> inputs, List<String> outputs) {
  public AllowedRoots {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
