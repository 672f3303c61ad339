package io.ocrbatch.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A worker's metrics for Prometheus: {@code GET /metrics} (also {@code /actuator/prometheus}, the
 * path of {@code server}/{@code dev}) answers the registry's scrape in the text format.
 */
public final class MetricsServer implements AutoCloseable {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * @param port 0 for any free port
   */
  public static MetricsServer start(
      String bindAddress, int port, PrometheusMeterRegistry registry) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
      server.createContext("/metrics", exchange -> scrape(exchange, registry));
      server.createContext("/actuator/prometheus", exchange -> scrape(exchange, registry));
      server.start();
      return new MetricsServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/metrics") && !path.equals("/actuator/prometheus")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
