package io.ocrbatch.cli;

import io.ocrbatch.activities.engines.EngineRegistry;
import io.ocrbatch.activities.ocr.EngineProvider;
import java.util.Iterator;

/**
 * The engines for {@code --engine}'s help, each with what its model and language mean, from the
 * registry.
 */
final class EngineHelp implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return EngineRegistry.all().stream().map(EngineProvider::fieldsHelp).iterator();
  }
}
