package io.ocrbatch.activities.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.files.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step (written by anyone, in any language) sends to record its results: a JSON object with
 * {@code status} (pending, completed or failed; required) and, all optional, {@code timestamp}
 * (ISO-8601), {@code source_job}, {@code citekeys} (or {@code volumes}: a list of names, or {@code
 * {list, failed_list, total, successful, failed}}), {@code config} and {@code metadata} objects.
 * Any other field goes into the metadata as it is.
 */
public final class StepInput {
  private StepInput() {}

  public static StepRecord parse(String jobId, String step, byte[] json, String where) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(where + " cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(where + " must be a JSON object with at least a \"status\"");
    }
    JsonNode status = root.get("status");
    if (status == null || !status.isTextual()) {
      throw new BadInputException(
          where + " has no \"status\": a step's metadata needs one of pending, completed, failed");
    }
    Map<String, Object> metadata = new LinkedHashMap<>(object(root, "metadata", where));
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      switch (field.getKey()) {
        case "status", "timestamp", "source_job", "citekeys", "volumes", "config", "metadata" -> {}
        default ->
            metadata.put(field.getKey(), Json.MAPPER.convertValue(field.getValue(), Object.class));
      }
    }
    return new StepRecord(
        jobId,
        step,
        StepStatus.parse(status.asText()),
        timestamp(root.get("timestamp"), where),
        text(root.get("source_job"), "source_job", where),
        coverage(
            root.has("citekeys") ? root.get("citekeys") : root.get("volumes"),
            StepStatus.parse(status.asText()),
            where),
        object(root, "config", where),
        metadata);
  }

  private static Instant timestamp(JsonNode node, String where) {
    if (node == null || node.isNull()) return null;
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          where + ": \"timestamp\" must be ISO-8601 like 2026-01-01T21:45:14Z, got " + node);
    }
  }

  private static String text(JsonNode node, String field, String where) {
    if (node == null || node.isNull()) return null;
    if (!node.isTextual()) throw new BadInputException(where + ": \"" + field + "\" must be text");
    return node.asText();
  }

  private static Map<String, Object> object(JsonNode root, String field, String where) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) return Map.of();
    if (!node.isObject()) {
      throw new BadInputException(where + ": \"" + field + "\" must be a JSON object");
    }
    return Json.MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() {});
  }

  /** A pending step has covered its volumes without succeeding on any yet (unless it says). */
  private static Coverage coverage(JsonNode node, StepStatus status, String where) {
    if (node == null || node.isNull()) return Coverage.NONE;
    boolean pending = status == StepStatus.PENDING;
    if (node.isArray()) {
      Coverage listed = Coverage.of(names(node, "citekeys", where), List.of());
      return pending ? withoutSuccesses(listed) : listed;
    }
    if (!node.isObject()) {
      throw new BadInputException(
          where + ": \"citekeys\" must be a list of volume names or an object with \"list\"");
    }
    List<String> failed = names(node.get("failed_list"), "citekeys.failed_list", where);
    List<String> ok = new ArrayList<>(names(node.get("list"), "citekeys.list", where));
    ok.removeAll(failed);
    Coverage counted = Coverage.of(ok, failed);
    if (pending) counted = withoutSuccesses(counted);
    return new Coverage(
        count(node, "total", counted.total(), where),
        count(node, "successful", counted.successful(), where),
        count(node, "failed", counted.failed(), where),
        ok,
        failed);
  }

  private static Coverage withoutSuccesses(Coverage c) {
    return new Coverage(c.total(), 0, c.failed(), c.succeeded(), c.failedVolumes());
  }

  private static List<String> names(JsonNode node, String field, String where) {
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw new BadInputException(where + ": \"" + field + "\" must be a list");
    List<String> names = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual() || n.asText().isBlank()) {
        throw new BadInputException(
            where + ": \"" + field + "\" must hold volume names (text), found " + n);
      }
      names.add(n.asText());
    }
    return names;
  }

  private static int count(JsonNode node, String field, int otherwise, String where) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) return otherwise;
    if (!n.canConvertToInt() || n.asInt() < 0 || !n.isIntegralNumber()) {
      throw new BadInputException(
          where + ": \"citekeys." + field + "\" must be a whole number ≥ 0, got " + n);
    }
    return n.asInt();
  }
}
