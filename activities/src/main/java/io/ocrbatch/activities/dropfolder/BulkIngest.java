package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.intake.JobInputs;
import io.ocrbatch.activities.statusdb.FileRegistry;
import io.ocrbatch.activities.statusdb.FoundFile;
import io.ocrbatch.activities.statusdb.JobRecord;
import io.ocrbatch.activities.statusdb.NewJob;
import io.ocrbatch.activities.statusdb.StatusStore;
import io.ocrbatch.activities.storage.S3Location;
import io.ocrbatch.activities.storage.S3Objects;
import io.ocrbatch.workflows.JobTypeSpec;
import io.ocrbatch.workflows.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Registers a tree of files in batches (stat and format sniffing on at most {@code maxIo} threads)
 * and submits the new and changed ones to rolling intake jobs by size tier, so the orchestrator
 * works through small files first. Running it again on the same tree adds only what is new or
 * changed.
 */
public final class BulkIngest {
  private final StatusStore store;
  private final Intake intake;

  public BulkIngest(StatusStore store, Intake intake) {
    this.store = store;
    this.intake = intake;
  }

  public record Options(String jobType, String output, int batchSize, int maxIo) {}

  /** Where an ingest stands after each batch. */
  public record Progress(
      String origin,
      int seen,
      int added,
      int changed,
      int skipped,
      int unchanged,
      Map<Integer, Integer> submittedByPriority) {}

  /** The registry origin of a tree: its files are counted together by {@code --monitor}. */
  public static String origin(Path root) {
    return "ingest:" + root.toAbsolutePath().normalize();
  }

  /**
   * An S3 prefix: the listing gives sizes and ETags, so nothing is read; the format comes from the
   * name. The publisher is the first folder under the prefix.
   */
  public Progress ingest(
      S3Objects s3, S3Location root, Options options, Consumer<Progress> afterBatch) {
    String origin = "ingest:" + new S3Location(root.bucket(), root.prefix());
    Progress progress = new Progress(origin, 0, 0, 0, 0, 0, new TreeMap<>());
    Set<String> accepted = Set.copyOf(FileFormats.ALL);
    List<FoundFile> batch = new ArrayList<>(options.batchSize());
    for (Map.Entry<String, S3Objects.Entry> e : s3.listRecursive(root).entrySet()) {
      String relative = e.getKey();
      if (relative.endsWith("/") || ("/" + relative).contains("/.")) continue;
      int slash = relative.indexOf('/');
      String publisher = slash > 0 ? relative.substring(0, slash) : root.name();
      String name = slash > 0 ? relative.substring(slash + 1) : relative;
      batch.add(
          DropFolderScanner.found(
              publisher,
              name,
              root.child(relative).toString(),
              e.getValue().size(),
              e.getValue().etag(),
              accepted));
      if (batch.size() == options.batchSize()) {
        progress = submit(origin, batch, options, progress);
        afterBatch.accept(progress);
        batch = new ArrayList<>(options.batchSize());
      }
    }
    if (!batch.isEmpty()) {
      progress = submit(origin, batch, options, progress);
      afterBatch.accept(progress);
    }
    return progress;
  }

  public Progress ingest(Path root, Options options, Consumer<Progress> afterBatch) {
    Path tree = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(tree))
      throw new io.ocrbatch.activities.fault.BadInputException("no such folder: " + tree);
    String origin = origin(tree);
    Progress progress = new Progress(origin, 0, 0, 0, 0, 0, new TreeMap<>());
    ExecutorService io = Executors.newFixedThreadPool(options.maxIo(), daemon());
    try (Stream<Path> walk = Files.walk(tree)) {
      Iterator<Path> files =
          walk.filter(p -> !hidden(tree, p)).filter(Files::isRegularFile).iterator();
      List<Path> batch = new ArrayList<>(options.batchSize());
      while (files.hasNext()) {
        batch.add(files.next());
        if (batch.size() == options.batchSize() || !files.hasNext()) {
          progress = submit(origin, found(tree, batch, io), options, progress);
          afterBatch.accept(progress);
          batch.clear();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + tree + ": " + e.getMessage(), e);
    } finally {
      io.shutdownNow();
    }
    return progress;
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) if (part.toString().startsWith(".")) return true;
    return false;
  }

  /** Stats and sniffs a batch on the I/O threads. */
  private static List<FoundFile> found(Path root, List<Path> batch, ExecutorService io) {
    List<Future<FoundFile>> pending = new ArrayList<>();
    for (Path file : batch) pending.add(io.submit(() -> describe(root, file)));
    List<FoundFile> found = new ArrayList<>(batch.size());
    try {
      for (Future<FoundFile> f : pending) found.add(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    } catch (ExecutionException e) {
      throw new UncheckedIOException(
          new IOException("cannot read a file: " + e.getCause().getMessage(), e.getCause()));
    }
    return found;
  }

  private static FoundFile describe(Path root, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Path relative = root.relativize(file);
    String publisher =
        relative.getNameCount() > 1
            ? relative.getName(0).toString()
            : root.getFileName().toString();
    String name =
        relative.getNameCount() > 1
            ? relative.subpath(1, relative.getNameCount()).toString()
            : relative.toString();
    String format = FileSniffer.format(file);
    long size = attributes.size();
    return new FoundFile(
        publisher,
        name.replace('\\', '/'),
        file.toUri().toString(),
        size,
        format,
        format == null ? "not a PDF, TIFF, JPEG or PNG file (by its first bytes)" : null,
        size + "-" + attributes.lastModifiedTime().toMillis(),
        SizeTiers.priority(size));
  }

  /** Registers a batch and hands its new and changed files to the intake job of their tier. */
  private Progress submit(String origin, List<FoundFile> batch, Options options, Progress before) {
    FileRegistry.Registered r = store.files().register(origin, 0, batch);
    Map<Integer, List<FileRegistry.Pending>> byPriority = new TreeMap<>();
    for (FileRegistry.Pending p : r.pending())
      byPriority.computeIfAbsent(p.priority(), k -> new ArrayList<>()).add(p);
    Map<Integer, Integer> submitted = new TreeMap<>(before.submittedByPriority());
    byPriority.forEach(
        (priority, files) -> {
          List<FileRegistry.Pending> fresh = files.stream().filter(f -> !f.changed()).toList();
          List<FileRegistry.Pending> changed =
              files.stream().filter(FileRegistry.Pending::changed).toList();
          if (!fresh.isEmpty()) {
            Intake.Added added =
                intake.add(options.jobType(), priority, volumes(fresh), options.output(), null);
            store
                .files()
                .assignJob(fresh.stream().map(FileRegistry.Pending::id).toList(), added.job().id());
          }
          if (!changed.isEmpty()) redo(changed, priority, options);
          submitted.merge(priority, files.size(), Integer::sum);
        });
    return new Progress(
        origin,
        before.seen() + batch.size(),
        before.added() + r.added(),
        before.changed() + r.changed(),
        before.skipped() + r.skipped(),
        before.unchanged() + r.unchanged(),
        submitted);
  }

  private static List<VolumeRef> volumes(List<FileRegistry.Pending> files) {
    return files.stream().map(f -> new VolumeRef(volumeId(f), f.sourceUri())).toList();
  }

  /**
   * Changed files are volumes of their intake job already (whose workflow reads only tasks added
   * after the ones it has seen): they are redone by a job of their own that ends when they are.
   */
  private void redo(List<FileRegistry.Pending> changed, int priority, Options options) {
    JobTypeSpec type = JobInputs.jobType(store, options.jobType());
    String key = "ingest-changed-" + System.currentTimeMillis() + "-p" + priority;
    JobRecord job =
        store
            .jobs()
            .create(
                new NewJob(
                    key,
                    type.id(),
                    JobInputs.outputRoot(options.output()),
                    JobInputs.DEFAULT_CONCURRENCY,
                    JobInputs.DEFAULT_DPI,
                    JobInputs.PAGES_PER_CHUNK,
                    intake.launcher().retry().maxTaskAttempts(),
                    volumes(changed),
                    priority,
                    null,
                    true,
                    false))
            .job();
    store.files().assignJob(changed.stream().map(FileRegistry.Pending::id).toList(), job.id());
    intake.launcher().ensureRunning(job);
  }

  /** The result folder name: the file's name made folder-safe, and its registry id (unique). */
  static String volumeId(FileRegistry.Pending file) {
    String stem = ResultPlacement.stem(file.fileName());
    return stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_") + "-" + file.id();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "ingest-io");
      t.setDaemon(true);
      return t;
    };
  }
}
