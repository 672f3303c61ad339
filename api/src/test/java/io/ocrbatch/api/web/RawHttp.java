package io.ocrbatch.api.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 requests written byte for byte: paths no client library would send as given. */
final class RawHttp {
  record Answer(int status, String head, String body) {}

  private RawHttp() {}

  static Answer send(int port, String method, String target, String extraHeaders, String body)
      throws IOException {
    return send(
        port,
        method,
        target,
        extraHeaders,
        "application/json",
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** A request with a body of {@code contentType} (a multipart body written by hand, say). */
  static Answer send(
      int port, String method, String target, String extraHeaders, String contentType, byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      byte[] content = body == null ? new byte[0] : body;
      String request =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nConnection: close\r\n"
              + extraHeaders
              + (body == null
                  ? ""
                  : "Content-Type: "
                      + contentType
                      + "\r\nContent-Length: "
                      + content.length
                      + "\r\n")
              + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String rest = split < 0 ? "" : text.substring(split + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Answer(status, head, rest);
    }
  }
}
