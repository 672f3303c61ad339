package io.ocrbatch.cli;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Temporal's in-process service bound to 127.0.0.1:port, so other processes (a second worker, the
 * CLI) reach it. It keeps nothing on disk: start-up reconciliation restarts unfinished jobs.
 */
final class EmbeddedTemporal implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** @param port 0 for any free port */
  static EmbeddedTemporal start(int port) {
    int chosen = port == 0 ? freePort() : port;
    try {
      return new EmbeddedTemporal(TestServer.createPortBoundServer(chosen, true), chosen);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the embedded Temporal service on port " + chosen + " (is another `ocrbatch dev` running?): "
              + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  WorkflowServiceStubs stubs() {
    return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
  }

  @Override
  public void close() {
    server.close();
  }
}
