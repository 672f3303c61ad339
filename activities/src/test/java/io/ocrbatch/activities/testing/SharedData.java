package io.ocrbatch.activities.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The project's shared material ({@code shared/}, in the repository or beside it): schemas and real
 * data sets that tests read but the repository does not carry.
 */
public final class SharedData {
  private SharedData() {}

  /** {@code shared/<relative>} in or beside a folder above this one, holding {@code file}. */
  public static Path folder(String relative, String file) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate :
          List.of(
              dir.resolve("shared").resolve(relative), dir.resolve("../shared").resolve(relative)))
        if (Files.isRegularFile(candidate.resolve(file))) return candidate.normalize();
    }
    throw new IllegalStateException(
        "no shared/" + relative + " with " + file + " above " + Path.of("").toAbsolutePath());
  }

  /**
   * The OpenPecha set (7 real Tibetan pages with ground truth and other systems' texts): {@code
   * pages/img_N.*} and {@code reference/<system>/img_N.txt}.
   */
  public static Path tibetanPecha() {
    return folder("data/tibetan-pecha", "pages/img_2.png");
  }

  /** One page of the pecha set, e.g. {@code img_2.png}. */
  public static Path pechaPage(String name) {
    return tibetanPecha().resolve("pages").resolve(name);
  }
}
