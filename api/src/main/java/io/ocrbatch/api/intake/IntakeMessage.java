package io.ocrbatch.api.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocrbatch.api.ApiJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What an SQS message asks for: BDRC's {@code {"w_id": "W…", "i_id": "I…"}} (optional {@code
 * job_type}, {@code job_key}, {@code priority}) adds one archive volume to a rolling intake job;
 * {@code {"job_type": …, "volumes": […], "job_key": …}} (optional {@code priority}, {@code force},
 * {@code output}) is a whole job.
 */
sealed interface IntakeMessage {

  /** One BDRC volume for the rolling intake job of its type (or the named job). */
  record AddVolume(String jobType, String workId, String imageGroupId, String jobKey, int priority)
      implements IntakeMessage {}

  /** A whole job. */
  record WholeJob(
      String jobType,
      List<String> volumes,
      String jobKey,
      int priority,
      boolean force,
      String output)
      implements IntakeMessage {}

  /** A message body that is not one of the two shapes, with the reason. */
  final class Unreadable extends Exception {
    Unreadable(String reason) {
      super(reason);
    }
  }

  static IntakeMessage parse(String body, String defaultJobType) throws Unreadable {
    JsonNode node;
    try {
      node = ApiJson.MAPPER.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new Unreadable("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) throw new Unreadable("not a JSON object");
    String jobType = text(node, "job_type", defaultJobType);
    String jobKey = text(node, "job_key", null);
    int priority = priority(node);
    if (node.has("w_id") || node.has("i_id")) {
      String w = text(node, "w_id", null);
      String i = text(node, "i_id", null);
      if (w == null || i == null)
        throw new Unreadable("a BDRC message needs both w_id and i_id as strings");
      return new AddVolume(jobType, w, i, jobKey, priority);
    }
    if (node.has("volumes")) {
      JsonNode list = node.get("volumes");
      if (!list.isArray() || list.isEmpty())
        throw new Unreadable("volumes must be a non-empty array of strings");
      List<String> volumes = new ArrayList<>();
      for (JsonNode v : list) {
        if (!v.isTextual() || v.asText().isBlank())
          throw new Unreadable("volumes must be a non-empty array of strings");
        volumes.add(v.asText().strip());
      }
      JsonNode force = node.path("force");
      if (!force.isMissingNode() && !force.isBoolean())
        throw new Unreadable("force must be true or false");
      return new WholeJob(
          jobType, volumes, jobKey, priority, force.asBoolean(false), text(node, "output", null));
    }
    throw new Unreadable("expected {\"w_id\", \"i_id\"} or {\"job_type\", \"volumes\"}");
  }

  private static String text(JsonNode node, String field, String fallback) throws Unreadable {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return fallback;
    if (!value.isTextual() || value.asText().isBlank())
      throw new Unreadable(field + " must be a non-empty string");
    return value.asText().strip();
  }

  private static int priority(JsonNode node) throws Unreadable {
    JsonNode value = node.get("priority");
    if (value == null || value.isNull()) return 3;
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < 1
        || value.asInt() > 5) {
      throw new Unreadable("priority must be a whole number from 1 (most urgent) to 5");
    }
    return value.asInt();
  }
}
