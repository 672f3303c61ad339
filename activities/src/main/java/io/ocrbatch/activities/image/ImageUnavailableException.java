package io.ocrbatch.activities.image;

/**
 * A page whose image could not be had, for a reason outside the image: listed but missing from its
 * storage, forbidden, archived, or unreadable there. The page fails for now, its volume is not
 * complete, and a later attempt, a restart or a later run tries it again.
 */
public class ImageUnavailableException extends BadImageException {
  public ImageUnavailableException(String message) {
    super(message);
  }

  public ImageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
