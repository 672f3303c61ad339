package io.ocrbatch.cli;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Temporal's in-process service bound to 127.0.0.1:port, so other processes on this machine (a
 * second worker, the CLI) reach it and no other host does: it has no authentication. Clients in
 * this process ({@link #stubs()}) reach it in-process, without sockets or protobuf encoding (a
 * third of the CPU of a run of one-page volumes went to the loopback gRPC). It keeps nothing on
 * disk: start-up reconciliation restarts unfinished jobs.
 */
final class EmbeddedTemporal implements AutoCloseable {
  /**
   * Closed workflows are forgotten this long after they closed (see ClosedWorkflowSweeper), and
   * beyond the newest {@link #CLOSED_KEPT_AT_MOST}; the system property {@code
   * ocrbatch.embedded.closed-kept-seconds} overrides the time. A parent hears of its child's end
   * and a client following a run of its end at once: the time is for people looking.
   */
  static final long CLOSED_KEPT_MILLIS = 15_000;

  static final int CLOSED_KEPT_AT_MOST = 2_000;

  private final TestServicesStarter services;
  private final Server server;
  private final Server inProcessServer;
  private final ManagedChannel inProcessChannel;
  private final int port;
  private final ClosedWorkflowSweeper sweeper;

  private EmbeddedTemporal(
      TestServicesStarter services,
      Server server,
      Server inProcessServer,
      int port,
      long closedKeptMillis,
      int closedKeptAtMost) {
    this.services = services;
    this.server = server;
    this.inProcessServer = inProcessServer;
    this.inProcessChannel = InProcessChannelBuilder.forName(inProcessName(port)).build();
    this.port = port;
    this.sweeper = new ClosedWorkflowSweeper(services, closedKeptMillis, closedKeptAtMost, 5_000);
  }

  ClosedWorkflowSweeper sweeper() {
    return sweeper;
  }

  /**
   * @param port 0 for any free port
   */
  static EmbeddedTemporal start(int port) {
    long keptSeconds = Long.getLong("ocrbatch.embedded.closed-kept-seconds", -1);
    return start(port, keptSeconds >= 0 ? keptSeconds * 1000 : CLOSED_KEPT_MILLIS);
  }

  static EmbeddedTemporal start(int port, long closedKeptMillis) {
    return start(port, closedKeptMillis, CLOSED_KEPT_AT_MOST);
  }

  static EmbeddedTemporal start(int port, long closedKeptMillis, int closedKeptAtMost) {
    int chosen = port == 0 ? freePort() : port;
    // TestServer.createPortBoundServer would listen on every interface; this is the same service on
    // loopback only
    TestServicesStarter services = new TestServicesStarter(true, 0);
    Server inProcess = null;
    try {
      List<BindableService> grpcServices =
          List.of(services.getWorkflowService(), services.getOperatorService());
      InProcessServerBuilder local = InProcessServerBuilder.forName(inProcessName(chosen));
      GRPCServerHelper.registerServicesAndHealthChecks(grpcServices, local);
      inProcess = local.build().start();
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), chosen));
      GRPCServerHelper.registerServicesAndHealthChecks(grpcServices, builder);
      return new EmbeddedTemporal(
          services, builder.build().start(), inProcess, chosen, closedKeptMillis, closedKeptAtMost);
    } catch (IOException | RuntimeException e) {
      if (inProcess != null) inProcess.shutdownNow();
      services.close();
      throw new IllegalStateException(
          "cannot start the embedded Temporal service on port "
              + chosen
              + " (is another `ocrbatch dev` running?): "
              + e.getMessage(),
          e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String inProcessName(int port) {
    return "ocrbatch-embedded-temporal-" + port;
  }

  /** Where other processes reach this service. */
  String target() {
    return "127.0.0.1:" + port;
  }

  /** Stubs for a client or worker in this process. */
  WorkflowServiceStubs stubs() {
    return stubs(WorkflowServiceStubsOptions.newBuilder());
  }

  /** In-process stubs with {@code options} (e.g. a metrics scope; no target). */
  WorkflowServiceStubs stubs(WorkflowServiceStubsOptions.Builder options) {
    return WorkflowServiceStubs.newServiceStubs(options.setChannel(inProcessChannel).build());
  }

  @Override
  public void close() {
    sweeper.close();
    inProcessChannel.shutdownNow();
    inProcessServer.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
