package io.ocrbatch.activities.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a server (PostgreSQL, in the tests): {@link #cut()} drops
 * every open connection and refuses new ones, as a database that went down does; {@link #restore()}
 * listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {
  private final String upstreamHost;
  private final int upstreamPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  public TcpProxy(String upstreamHost, int upstreamPort) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    acceptLoop(listener);
  }

  /** A proxy in front of the PostgreSQL of a {@code jdbc:postgresql://host:port/…} URL. */
  public static TcpProxy forJdbcUrl(String url) {
    java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
    return new TcpProxy(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
  }

  /** The same JDBC URL, through this proxy. */
  public String jdbcUrl(String url) {
    java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
    String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    return url.replaceFirst(java.util.regex.Pattern.quote(authority), "127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Closes the listener and every relayed connection: clients see resets, then refusals. */
  public synchronized void cut() {
    closeQuietly(listener);
    for (Socket s : open) closeQuietly(s);
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    if (!listener.isClosed()) return;
    listener = listen(port);
    acceptLoop(listener);
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private void acceptLoop(ServerSocket server) {
    Thread accept =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket upstream = new Socket(upstreamHost, upstreamPort);
                  open.add(client);
                  open.add(upstream);
                  pipe(client, upstream);
                  pipe(upstream, client);
                } catch (IOException e) {
                  // listener closed (cut) or upstream refused: the client sees its connection end
                }
              }
            },
            "tcp-proxy-accept-" + port);
    accept.setDaemon(true);
    accept.start();
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // either side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
