package io.ocrbatch.api;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks callback URLs at submission, so a typo is an error then, not a silent failure later. */
final class CallbackUrls {
  private CallbackUrls() {}

  static String validate(String url) {
    if (url == null || url.isBlank()) return null;
    try {
      URI uri = new URI(url.strip());
      if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("callback URL '" + url + "' must be an absolute http:// or https:// URL");
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("callback URL '" + url + "' is not a URL: " + e.getMessage());
    }
  }
}
