package io.ocrbatch.activities.registry;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.UserInput;
import java.util.Locale;

/** Where a pipeline step stands. */
public enum StepStatus {
  PENDING,
  COMPLETED,
  FAILED;

  @com.fasterxml.jackson.annotation.JsonValue
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public static StepStatus parse(String value) {
    for (StepStatus s : values()) if (s.dbName().equals(value)) return s;
    throw new BadInputException(
        "step status must be pending, completed or failed, got " + UserInput.quote(value));
  }
}
