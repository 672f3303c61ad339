package io.ocrbatch.api.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ocrbatch.activities.fault.UserInput;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON body, in the client's terms: field names and values, not Java types.
 */
final class JsonProblems {
  private JsonProblems() {}

  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof JsonProcessingException)) cause = cause.getCause();
    if (cause == null) return "the body is empty or cannot be read";
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      String given =
          mismatch instanceof InvalidFormatException invalid
              ? ", got " + UserInput.quote(String.valueOf(invalid.getValue()))
              : "";
      return "field '" + field + "' must be " + expected(mismatch.getTargetType()) + given;
    }
    JsonLocation at = ((JsonProcessingException) cause).getLocation();
    return at == null
        ? "malformed JSON"
        : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String expected(Class<?> type) {
    if (type == null) return "of another type";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
      return "a whole number";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (java.util.Collection.class.isAssignableFrom(type)) return "a list";
    return "an object";
  }
}
