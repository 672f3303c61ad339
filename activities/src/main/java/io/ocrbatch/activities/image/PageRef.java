package io.ocrbatch.activities.image;

/**
 * A page of a volume: an image file, or one frame of a multi-page TIFF, written {@code scan.tif#3}
 * (frames counted from 1). Its outputs are named after {@link #stem()}: {@code scan} or {@code
 * scan-0003}.
 */
public record PageRef(String file, int frame) {

  public static PageRef parse(String page) {
    int hash = page.lastIndexOf('#');
    if (hash > 0 && page.substring(hash + 1).matches("\\d{1,6}")) {
      return new PageRef(page.substring(0, hash), Integer.parseInt(page.substring(hash + 1)));
    }
    return new PageRef(page, 0);
  }

  public static PageRef frame(String file, int frame) {
    return new PageRef(file, frame);
  }

  /** The page as listed: the file name, with {@code #frame} for a frame of a multi-page file. */
  public String name() {
    return frame > 0 ? file + "#" + frame : file;
  }

  /** 0-based image index inside the file. */
  public int imageIndex() {
    return Math.max(0, frame - 1);
  }

  public String stem() {
    String base = PageImages.stem(file);
    return frame > 0 ? base + String.format("-%04d", frame) : base;
  }
}
