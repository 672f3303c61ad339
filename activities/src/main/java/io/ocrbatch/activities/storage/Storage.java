package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.image.PageImages;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Opens volume sources and result folders by URI: local paths, {@code s3://bucket/prefix} and
 * {@code bdrc://bucket/W/I}. The S3 client is made on first use, so a worker that only sees local
 * folders never needs AWS credentials. Throttling (503 SlowDown) and 5xx answers are retried by the
 * SDK with backoff, up to {@link StorageSettings#maxAttempts()}; past that the activity fails and
 * Temporal retries it.
 */
public final class Storage implements AutoCloseable {
  private final StorageSettings settings;
  private volatile S3Objects s3;
  private volatile ExecutorService downloads;

  public Storage(StorageSettings settings) {
    this.settings = settings;
  }

  public StorageSettings settings() {
    return settings;
  }

  public S3Objects s3() {
    S3Objects local = s3;
    if (local == null) {
      synchronized (this) {
        if (s3 == null) s3 = new S3Objects(buildS3Client());
        local = s3;
      }
    }
    return local;
  }

  private S3Client buildS3Client() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(settings.credentials())
            .forcePathStyle(settings.pathStyle())
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .maxConnections(Math.max(50, settings.downloadThreads() * 2)))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(settings.maxAttempts())
                            .build()));
    if (settings.s3Endpoint() != null) {
      // S3-compatible stores (MinIO, B2, Ceph, s3rver) do not all understand the SDK's
      // aws-chunked uploads (a chunk signature per chunk, over http, or a trailing checksum): some
      // store the framing as the object's content. Plain bodies with a content length instead.
      builder
          .endpointOverride(settings.s3Endpoint())
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /** Threads that download page images, shared by every OCR activity of the worker. */
  public ExecutorService downloads() {
    ExecutorService local = downloads;
    if (local == null) {
      synchronized (this) {
        if (downloads == null) {
          downloads =
              Executors.newFixedThreadPool(
                  settings.downloadThreads(),
                  r -> {
                    Thread t = new Thread(r, "page-download");
                    t.setDaemon(true);
                    return t;
                  });
        }
        local = downloads;
      }
    }
    return local;
  }

  /** The volume at {@code sourceUri}; {@link VolumeProblem} for a URI no source understands. */
  public VolumeSource source(String sourceUri, String volumeId) {
    return source(sourceUri, volumeId, FolderRoots.anywhere());
  }

  /** The same, reading local files only under {@code roots} (judged as each is read). */
  public VolumeSource source(String sourceUri, String volumeId, FolderRoots roots) {
    var bdrc = BdrcVolume.fromUri(sourceUri);
    if (bdrc.isPresent())
      return new BdrcArchiveSource(s3(), bdrc.get().bucket(), bdrc.get().volume());
    if (BdrcVolume.isBdrcUri(sourceUri))
      throw new VolumeProblem("malformed BDRC volume source '" + sourceUri + "'");
    if (S3Location.isS3(sourceUri)) {
      try {
        S3Location location = S3Location.parse(sourceUri);
        if (!sourceUri.endsWith("/") && PageImages.isImageName(location.name())) {
          String key = location.key();
          S3Location parent =
              new S3Location(location.bucket(), key.substring(0, key.lastIndexOf('/') + 1));
          return new S3PrefixSource(s3(), parent, volumeId, location.name());
        }
        return new S3PrefixSource(s3(), S3Location.parse(sourceUri), volumeId);
      } catch (IllegalArgumentException e) {
        throw new VolumeProblem(e.getMessage(), e);
      }
    }
    Path local = localPath(sourceUri);
    if (java.nio.file.Files.isRegularFile(local)) { // one file (a PDF, an image) is a volume too
      return new LocalFolderSource(
          local.getParent(), volumeId, local.getFileName().toString(), roots);
    }
    return new LocalFolderSource(local, volumeId, null, roots);
  }

  /** A result folder at a local path or an {@code s3://} prefix. */
  public ResultFolder results(String location) {
    return results(location, FolderRoots.anywhere());
  }

  /** The same, writing local files only under {@code roots} (judged at each write). */
  public ResultFolder results(String location, FolderRoots roots) {
    if (S3Location.isS3(location)) return new S3ResultFolder(s3(), S3Location.parse(location));
    return new LocalResultFolder(localPath(location), roots);
  }

  static Path localPath(String uriOrPath) {
    try {
      URI uri = URI.create(uriOrPath);
      return uri.getScheme() == null ? Path.of(uriOrPath) : Path.of(uri);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      try {
        return Path.of(uriOrPath);
      } catch (RuntimeException invalid) {
        throw new VolumeProblem("unsupported location '" + uriOrPath + "': " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (downloads != null) downloads.shutdownNow();
    if (s3 != null) s3.client().close();
  }
}
