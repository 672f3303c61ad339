package io.ocrbatch.cli;

import io.ocrbatch.activities.storage.Storage;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.workflows.VolumeRef;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * BDRC-style job commands against a running stack ({@code dev}, or Temporal + PostgreSQL, or a
 * server's API).
 */
@Command(
    name = "job",
    description =
        "Create, inspect and control jobs on a running stack (directly, or with --server through its REST API).",
    subcommands = {
      JobCreateCommand.class,
      JobStatusCommand.class,
      JobListCommand.class,
      JobControlCommands.Cancel.class,
      JobControlCommands.Pause.class,
      JobControlCommands.Resume.class,
      JobControlCommands.Restart.class
    })
final class JobCommands {

  /** Where a job's volumes come from: exactly one of the three. */
  static final class VolumeSource {
    @Option(
        names = "--volumes",
        split = ",",
        description =
            "Volumes, comma-separated: folders, s3://bucket/prefix/ or BDRC ids (W22084-I0886).")
    List<String> volumes;

    @Option(
        names = "--volume-file",
        description =
            "File with one volume (folder, s3:// prefix or BDRC id) per line (# comments allowed).")
    Path volumeFile;

    @Option(
        names = "--folder",
        description = "Folder or s3:// prefix whose sub-folders are volumes.")
    String folder;

    List<VolumeRef> resolve(Storage storage) {
      VolumeResolver resolver = new VolumeResolver(storage);
      if (volumes != null) return resolver.fromEntries(volumes, Path.of(""));
      if (volumeFile != null) return resolver.fromVolumeFile(volumeFile);
      return resolver.fromFolder(folder, Path.of(""));
    }
  }
}
