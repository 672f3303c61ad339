package io.ocrbatch.activities.dropfolder;

import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.statusdb.FileRegistry;
import io.ocrbatch.activities.statusdb.FoundFile;
import io.ocrbatch.activities.statusdb.StatusStore;
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
          List<VolumeRef> volumes =
              files.stream().map(f -> new VolumeRef(volumeId(f), f.sourceUri())).toList();
          List<String> changed =
              files.stream()
                  .filter(FileRegistry.Pending::changed)
                  .map(FileRegistry.Pending::sourceUri)
                  .toList();
          store
              .jobs()
              .byKey(Intake.jobKey(options.jobType(), priority))
              .ifPresent(job -> store.files().requeueTasks(job.id(), changed));
          Intake.Added added =
              intake.add(options.jobType(), priority, volumes, options.output(), null);
          store
              .files()
              .assignJob(files.stream().map(FileRegistry.Pending::id).toList(), added.job().id());
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
