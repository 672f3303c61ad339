package io.ocrbatch.api.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of an S3 server that answers every Nth request itself with S3's throttling
 * error (503 SlowDown) or an internal error (500), alternately, and forwards the rest.
 */
final class FaultProxy implements AutoCloseable {
  private static final Set<String> SKIP_REQUEST =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect");
  private static final Set<String> SKIP_RESPONSE =
      Set.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "content-length",
          "date");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String upstream;
  private final int everyNth;
  private final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger throttled = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  FaultProxy(URI upstream, int everyNth) throws IOException {
    this.upstream = upstream.toString().replaceAll("/$", "");
    this.everyNth = everyNth;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int faults() {
    return throttled.get() + failed.get();
  }

  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String method = exchange.getRequestMethod();
      if (requests.incrementAndGet() % everyNth == 0) {
        fault(exchange, method);
      } else {
        forward(exchange, method, body);
      }
    }
  }

  private void fault(HttpExchange exchange, String method) throws IOException {
    boolean throttle = faults() % 2 == 0;
    (throttle ? throttled : failed).incrementAndGet();
    String xml =
        throttle
            ? "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
            : "<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>";
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    boolean head = "HEAD".equals(method);
    exchange.sendResponseHeaders(throttle ? 503 : 500, head ? -1 : bytes.length);
    if (!head) exchange.getResponseBody().write(bytes);
  }

  private void forward(HttpExchange exchange, String method, byte[] body) throws IOException {
    URI uri = exchange.getRequestURI();
    String target =
        upstream + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    boolean sendsBody = body.length > 0 || "PUT".equals(method) || "POST".equals(method);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                sendsBody
                    ? HttpRequest.BodyPublishers.ofByteArray(body)
                    : HttpRequest.BodyPublishers.noBody());
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!SKIP_REQUEST.contains(name.toLowerCase(Locale.ROOT)))
                values.forEach(v -> request.header(name, v));
            });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!SKIP_RESPONSE.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] bytes = response.body();
    boolean noBody =
        "HEAD".equals(method) || response.statusCode() == 204 || response.statusCode() == 304;
    if (noBody) { // the JDK server writes no Content-Length for these; S3 clients read it
      response
          .headers()
          .firstValue("content-length")
          .ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
    }
    exchange.sendResponseHeaders(
        response.statusCode(), noBody || bytes.length == 0 ? -1 : bytes.length);
    if (!noBody && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
