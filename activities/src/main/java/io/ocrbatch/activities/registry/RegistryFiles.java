package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.files.Json;
import io.ocrbatch.activities.storage.FolderRoots;
import io.ocrbatch.activities.storage.ResultFolder;
import io.ocrbatch.activities.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portable copy of the registry next to a job's results: {@code job_registry/{job_id}.json}
 * (the document), {@code job_registry/latest.json} (the newest job's), and {@code
 * job_registry/{job_id}/{step}.json} (each step's own entry), in a local folder or under an S3
 * prefix alike.
 */
public final class RegistryFiles {
  public static final String FOLDER = "job_registry";
  public static final String LATEST = "latest.json";

  private final Storage storage;

  public RegistryFiles(Storage storage) {
    this.storage = storage;
  }

  /** Writes the job's document and its steps' files; also {@code latest.json} when it is newest. */
  public void write(String resultsRoot, RegistryDocument document, boolean latest)
      throws IOException {
    write(resultsRoot, document, latest, FolderRoots.anywhere());
  }

  /** The same, writing only under {@code outputs} (judged at each write). */
  public void write(
      String resultsRoot, RegistryDocument document, boolean latest, FolderRoots outputs)
      throws IOException {
    ResultFolder folder = storage.results(resultsRoot, outputs).child(FOLDER);
    ResultFolder steps = folder.child(document.jobId());
    for (Map.Entry<String, RegistryDocument.Step> step : document.pipelineSteps().entrySet()) {
      if (!document.jobId().equals(step.getValue().jobId())) continue; // the source job's own
      steps.write(step.getKey() + ".json", Json.bytes(step.getValue()), "application/json");
    }
    byte[] bytes = Json.bytes(document);
    folder.write(document.jobId() + ".json", bytes, "application/json");
    if (latest) folder.write(LATEST, bytes, "application/json");
  }

  /** Every job document in the results root's {@code job_registry/} (not latest.json). */
  public List<RegistryDocument> readAll(String resultsRoot) throws IOException {
    ResultFolder folder = storage.results(resultsRoot).child(FOLDER);
    List<RegistryDocument> documents = new ArrayList<>();
    for (String name : folder.files().keySet().stream().sorted().toList()) {
      if (!name.endsWith(".json") || name.equals(LATEST)) continue;
      Optional<byte[]> content = folder.read(name);
      if (content.isEmpty()) continue;
      documents.add(parse(content.get(), folder.location() + "/" + name));
    }
    return documents;
  }

  static RegistryDocument parse(byte[] json, String where) {
    try {
      RegistryDocument d = Json.MAPPER.readValue(json, RegistryDocument.class);
      if (d.jobId() == null || d.timestamp() == null) {
        throw new BadInputException(where + ": a registry document needs job_id and timestamp");
      }
      PipelineNames.checkJobId(d.jobId());
      return d;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInputException(where + " is not a registry document: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(where + " cannot be read: " + e.getMessage());
    }
  }
}
