package io.ocrbatch.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.image.BadImageException;
import io.ocrbatch.activities.storage.PageFile;
import io.ocrbatch.activities.storage.VolumeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageFetcherTest {
  @TempDir Path dir;
  private final ExecutorService downloads = Executors.newFixedThreadPool(2);
  private final List<String> fetched = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    downloads.shutdownNow();
  }

  /** A remote-like source whose {@code missing.pdf} is gone; other files are downloaded copies. */
  private VolumeSource source() {
    return new VolumeSource() {
      @Override
      public Contents list() {
        throw new UnsupportedOperationException();
      }

      @Override
      public PageFile fetch(String fileName) throws java.io.IOException, BadImageException {
        fetched.add(fileName);
        if (fileName.equals("missing.pdf"))
          throw new BadImageException("image not found: " + fileName);
        return new PageFile(
            Files.writeString(dir.resolve(fileName + "-" + fetched.size()), fileName),
            "etag-" + fileName,
            true);
      }

      @Override
      public boolean remote() {
        return true;
      }

      @Override
      public String describe() {
        return "test";
      }
    };
  }

  @Test
  void aMissingMultiPageFileFailsEachOfItsPagesInsteadOfBreakingTheNextOne() {
    try (PageFetcher fetcher = new PageFetcher(source(), downloads)) {
      assertThatThrownBy(() -> fetcher.get("missing.pdf", "missing.pdf"))
          .isInstanceOf(BadImageException.class);
      assertThatThrownBy(() -> fetcher.get("missing.pdf", "b.png"))
          .isInstanceOf(BadImageException.class);
    }
  }

  @Test
  void pagesOfOneFileShareADownloadTheNextFileComesAheadAndCopiesAreDeleted() throws Exception {
    Path first;
    try (PageFetcher fetcher = new PageFetcher(source(), downloads)) {
      first = fetcher.get("a.pdf", "a.pdf").path();
      assertThat(fetcher.get("a.pdf", "b.png").path()).isEqualTo(first);
      PageFile b = fetcher.get("b.png", null);
      assertThat(b.etag()).isEqualTo("etag-b.png");
      assertThat(first).doesNotExist(); // a.pdf's copy went when the fetcher moved on
    }
    assertThat(fetched).containsExactly("a.pdf", "b.png");
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
