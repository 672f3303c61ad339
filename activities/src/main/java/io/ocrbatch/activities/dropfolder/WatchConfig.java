package io.ocrbatch.activities.dropfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.activities.storage.StorageSettings;
import io.ocrbatch.workflows.watch.WatchSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A watch config file (YAML), checked whole at start: a mistake is one message naming the file and
 * the key.
 *
 * @param s3Endpoint the S3-compatible server (MinIO, B2) when the source is on one, else null
 */
public record WatchConfig(WatchSpec spec, URI s3Endpoint, String s3Region) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> KEYS =
      Set.of(
          "name",
          "source",
          "s3",
          "formats",
          "job-type",
          "dpi",
          "concurrency",
          "timeout-per-file",
          "max-retries",
          "output-folder",
          "interval",
          "run-on-startup",
          "max-files-per-run");
  private static final Set<String> S3_KEYS = Set.of("endpoint", "region");

  /** The storage settings a worker for this watch needs: the base ones, on the config's S3. */
  public StorageSettings storage(StorageSettings base) {
    if (s3Endpoint == null && s3Region == null) return base;
    return new StorageSettings(
        s3Region != null ? s3Region : base.region(),
        s3Endpoint != null ? s3Endpoint : base.s3Endpoint(),
        s3Endpoint != null || base.pathStyle(),
        base.sqsEndpoint(),
        base.credentials(),
        base.maxAttempts(),
        base.downloadThreads(),
        base.bdrcBucket());
  }

  public static WatchConfig load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new BadInputException("watch config " + file + ": cannot read it: " + e.getMessage());
    }
    if (root == null || !root.isObject())
      throw new BadInputException("watch config " + file + ": expected a mapping of keys");
    String fallbackName = file.getFileName().toString().replaceAll("\\.ya?ml$", "");
    return parse(root, fallbackName, file.toString());
  }

  static WatchConfig parse(JsonNode root, String fallbackName, String where) {
    Reader r = new Reader(root, where);
    r.onlyKeys(root, KEYS, "");
    String name = r.text("name", fallbackName);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,60}"))
      throw r.bad(
          "name",
          "use letters, digits, '.', '_' or '-' (it names the workflow watch-" + name + ")");
    String source = r.required("source");
    if (S3Location.isS3(source)) {
      try {
        S3Location.parse(source);
      } catch (IllegalArgumentException e) {
        throw r.bad("source", e.getMessage());
      }
    } else if (!Files.isDirectory(Path.of(source))) {
      throw r.bad("source", "no such folder: " + Path.of(source).toAbsolutePath());
    } else {
      source = Path.of(source).toAbsolutePath().normalize().toString();
    }
    URI endpoint = null;
    String region = null;
    JsonNode s3 = root.get("s3");
    if (s3 != null) {
      if (!s3.isObject()) throw r.bad("s3", "expected a mapping with endpoint and region");
      r.onlyKeys(s3, S3_KEYS, "s3.");
      if (s3.hasNonNull("endpoint")) {
        try {
          endpoint = URI.create(s3.get("endpoint").asText());
          if (endpoint.getScheme() == null || endpoint.getHost() == null)
            throw new IllegalArgumentException("not an http(s) URL");
        } catch (IllegalArgumentException e) {
          throw r.bad("s3.endpoint", e.getMessage());
        }
      }
      region = s3.hasNonNull("region") ? s3.get("region").asText() : null;
    }
    List<String> formats = formats(r, root.get("formats"));
    String outputFolder = r.text("output-folder", "ocr");
    if (!outputFolder.matches("[A-Za-z0-9._-]+") || outputFolder.startsWith("."))
      throw r.bad("output-folder", "a plain folder name like ocr, not " + outputFolder);
    WatchSpec spec =
        new WatchSpec(
            name,
            source,
            formats,
            r.required("job-type"),
            r.integer("dpi", 300, 72, 600),
            r.integer("concurrency", 4, 1, 1000),
            r.duration("timeout-per-file", "30m").toSeconds(),
            r.integer("max-retries", 2, 0, 100),
            outputFolder,
            r.duration("interval", "60m").toSeconds(),
            r.bool("run-on-startup", true),
            false,
            r.integer("max-files-per-run", 1000, 1, 100_000));
    return new WatchConfig(spec, endpoint, region);
  }

  private static List<String> formats(Reader r, JsonNode node) {
    if (node == null) return FileFormats.ALL;
    if (!node.isArray() || node.isEmpty())
      throw r.bad("formats", "expected a list like [pdf, tiff, jpeg, png]");
    Set<String> formats = new LinkedHashSet<>();
    for (JsonNode item : node) {
      String format = FileFormats.of("x." + item.asText().toLowerCase(Locale.ROOT));
      if (format == null)
        throw r.bad(
            "formats", item.asText() + " is not one of " + String.join(", ", FileFormats.ALL));
      formats.add(format);
    }
    return new ArrayList<>(formats);
  }

  /** Reads keys of the file, each mistake naming the key. */
  private record Reader(JsonNode root, String where) {
    BadInputException bad(String key, String why) {
      return new BadInputException("watch config " + where + ": key '" + key + "': " + why);
    }

    void onlyKeys(JsonNode node, Set<String> known, String prefix) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!known.contains(key))
          throw bad(
              prefix + key,
              "unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }

    String required(String key) {
      JsonNode node = root.get(key);
      if (node == null || node.isNull() || node.asText().isBlank()) throw bad(key, "is required");
      return node.asText().strip();
    }

    String text(String key, String fallback) {
      JsonNode node = root.get(key);
      return node == null || node.isNull() ? fallback : node.asText().strip();
    }

    int integer(String key, int fallback, int min, int max) {
      JsonNode node = root.get(key);
      if (node == null || node.isNull()) return fallback;
      if (!node.canConvertToInt()
          || !node.isIntegralNumber()
          || node.asInt() < min
          || node.asInt() > max)
        throw bad(
            key, "must be a whole number from " + min + " to " + max + ", got " + node.asText());
      return node.asInt();
    }

    boolean bool(String key, boolean fallback) {
      JsonNode node = root.get(key);
      if (node == null || node.isNull()) return fallback;
      if (!node.isBoolean()) throw bad(key, "must be true or false, got " + node.asText());
      return node.asBoolean();
    }

    java.time.Duration duration(String key, String fallback) {
      JsonNode node = root.get(key);
      String text = node == null || node.isNull() ? fallback : node.asText();
      java.time.Duration d;
      try {
        d = Durations.parse(text, key);
      } catch (BadInputException e) {
        throw bad(key, text + " is not a duration like 30s, 60m, 2h or 1d");
      }
      if (d.isZero()) throw bad(key, "must be longer than zero");
      return d;
    }
  }
}
