package io.ocrbatch.activities.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The texts other systems gave for a ground-truth set's pages, published with the set to compare
 * against: {@code reference/<system>/<stem>.txt} beside the set's {@code pages/} folder (or inside
 * the folder of the pages). A page a system has no text for counts as read as nothing.
 */
public record ReferenceTexts(String system, Map<String, String> byStem) {
  public static final String FOLDER = "reference";

  /** The text the system gave for the page, or "" where it gave none. */
  public String of(String stem) {
    return byStem.getOrDefault(stem, "");
  }

  /** Every system's texts for the samples' pages, systems in name order; none without a folder. */
  public static List<ReferenceTexts> beside(List<GroundTruthSet.Sample> samples)
      throws IOException {
    if (samples.isEmpty()) return List.of();
    Path pages = samples.get(0).image().toAbsolutePath().getParent();
    Path folder = pages.resolve(FOLDER);
    if (!Files.isDirectory(folder) && pages.getFileName().toString().equals(GroundTruthSet.PAGES))
      folder = pages.resolveSibling(FOLDER);
    if (!Files.isDirectory(folder)) return List.of();
    List<ReferenceTexts> references = new ArrayList<>();
    try (Stream<Path> systems = Files.list(folder)) {
      for (Path system : systems.filter(Files::isDirectory).sorted().toList()) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (GroundTruthSet.Sample sample : samples) {
          Path text = system.resolve(sample.stem() + ".txt");
          if (Files.isRegularFile(text))
            texts.put(sample.stem(), Files.readString(text, StandardCharsets.UTF_8));
        }
        if (!texts.isEmpty())
          references.add(new ReferenceTexts(system.getFileName().toString(), Map.copyOf(texts)));
      }
    }
    return references;
  }
}
