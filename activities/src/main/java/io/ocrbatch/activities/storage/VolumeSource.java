package io.ocrbatch.activities.storage;

import io.ocrbatch.activities.image.BadImageException;
import java.io.IOException;
import java.util.List;

/**
 * Where a volume's page images are: a local folder, an S3 prefix or a BDRC archive volume. Listing
 * reads names only; a page's image is fetched (downloaded, for remote sources) by the activity that
 * OCRs it, so pixels never travel through Temporal.
 */
public interface VolumeSource {

  /**
   * The volume's pages in reading order and its version; {@link VolumeProblem} when it cannot
   * exist.
   */
  Contents list() throws IOException;

  /**
   * A local copy of one image file of the volume (pages of a PDF or multi-page TIFF share it).
   * {@link BadImageException} when the listed file is gone; {@link IOException} when reading failed
   * in a way a retry may fix.
   */
  PageFile fetch(String fileName) throws IOException, BadImageException;

  /** Whether {@link #fetch} downloads (worth doing ahead of the page that needs it). */
  boolean remote();

  /** The volume's location, for messages. */
  String describe();

  /**
   * What listing found.
   *
   * @param version a short digest that changes when the volume's images change
   * @param manifestEtag the ETag of the object the page list came from (BDRC: dimensions.json), or
   *     null
   * @param resultFolderName the name of the volume's result folder under the job type's folder
   */
  record Contents(
      List<String> pages, String version, String manifestEtag, String resultFolderName) {}
}
