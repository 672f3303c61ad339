package io.ocrbatch.activities.output.format;

import java.io.IOException;

/**
 * Writes one format of a page's result ({@code <stem>.<extension>}); listed in {@link PageWriters}.
 */
public interface PageWriter {

  /** The format's name in job types' {@code output_formats}. */
  String format();

  /** The file's extension, without the dot. */
  String extension();

  String contentType();

  /** The file's bytes for the page. */
  byte[] render(PageResult page) throws IOException;
}
